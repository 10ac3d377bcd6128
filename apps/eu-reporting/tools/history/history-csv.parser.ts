import type { ApplicationFactField, CheckedApplicationFact, UncheckedApplicationFact } from '../../src/feed/application-fact';
import type { ApplicationFactValidator, FactProblemCode } from '../../src/feed/application-fact.validator';

/** The history file's header, in this order; `sponsor_type` may follow as a seventh column. */
export const HISTORY_COLUMNS = ['application_id', 'category', 'citizenship', 'submitted_on', 'decided_on', 'decision'] as const;
export const OPTIONAL_SPONSOR_COLUMN = 'sponsor_type';

const COLUMN_OF_FIELD: Readonly<Record<ApplicationFactField, string>> = {
  applicationId: 'application_id',
  category: 'category',
  citizenship: 'citizenship',
  submittedOn: 'submitted_on',
  decidedOn: 'decided_on',
  decision: 'decision',
  sponsorType: OPTIONAL_SPONSOR_COLUMN,
};

/** Longer lines cannot be a history row; cutting them keeps memory bounded on a corrupt file. */
export const MAX_LINE_LENGTH = 4096;

export type RowProblemCode =
  FactProblemCode | 'MISSING_HEADER' | 'DUPLICATE_HEADER' | 'WRONG_COLUMN_COUNT' | 'MALFORMED_QUOTES' | 'LINE_TOO_LONG';

export interface RowProblem {
  readonly code: RowProblemCode;
  /** The column at fault, when one is. */
  readonly column?: string;
  readonly message: string;
}

export interface RejectedRow {
  /** 1-based physical line in the file, the header being line 1. */
  readonly line: number;
  readonly problems: readonly RowProblem[];
  /** The start of the line as read, for the report. */
  readonly text: string;
}

export interface HistoryRowSink {
  accept(fact: CheckedApplicationFact, line: number): void;
  reject(row: RejectedRow): void;
}

export interface HistoryParseSummary {
  readonly lines: number;
  readonly blankLines: number;
  readonly acceptedRows: number;
  readonly rejectedRows: number;
  /** Set when the file cannot be read as a history at all (no header); nothing after it is imported. */
  readonly fatal: RejectedRow | null;
}

/** "line 7, submitted_on: …" — one line per problem, for people and logs. */
export function describeRejectedRow(row: RejectedRow): string[] {
  return row.problems.map(
    (problem) => `line ${row.line}${problem.column === undefined ? '' : `, ${problem.column}`}: ${problem.code}: ${problem.message}`,
  );
}

function excerpt(line: string): string {
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Splits a line with RFC 4180 quoting (no line breaks inside fields); undefined when the quotes are broken. */
function splitQuoted(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const quote = line.indexOf('"', j);
        if (quote < 0) return undefined;
        value += line.slice(j, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          j = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line.charCodeAt(i) !== 44) return undefined;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const field = line.slice(i, comma < 0 ? line.length : comma);
      if (field.includes('"')) return undefined;
      fields.push(field);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/**
 * Reads the IND history CSV incrementally: feed it text in chunks of any size (`push`), then `end`. Each data
 * row is either handed to the sink as a checked fact or rejected with its line number and every reason;
 * a bad row never stops the good ones. Pure: no I/O, no clock, so a string in a test behaves exactly like a
 * 600 MB file streamed from disk.
 */
export class HistoryCsvParser {
  private carry = '';
  private skippingLongLine = false;
  private line = 0;
  private blankLines = 0;
  private acceptedRows = 0;
  private rejectedRows = 0;
  private header: string | undefined;
  private columnCount = 0;
  private fatal: RejectedRow | null = null;
  private atStart = true;
  /** Where the next double quote is in the text being read (-1: none), so unquoted rows skip the quote parser. */
  private nextQuote = -1;
  /** Comma positions of the row being read; reused, so reading a row allocates only its field strings. */
  private readonly commas = new Int32Array(HISTORY_COLUMNS.length);

  constructor(
    private readonly validator: ApplicationFactValidator,
    private readonly sink: HistoryRowSink,
  ) {}

  push(chunk: string): void {
    let text = this.carry + chunk;
    if (this.atStart && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.atStart = false;
    }
    this.nextQuote = text.indexOf('"');
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      this.onLine(text, start, newline);
      start = newline + 1;
    }
    this.carry = text.slice(start);
    if (this.carry.length > MAX_LINE_LENGTH) {
      if (!this.skippingLongLine) this.rejectLongLine(this.line + 1, this.carry);
      this.skippingLongLine = true;
      this.carry = '';
    }
  }

  end(): HistoryParseSummary {
    this.nextQuote = this.carry.indexOf('"');
    if (this.carry.length > 0 || this.skippingLongLine) this.onLine(this.carry, 0, this.carry.length);
    this.carry = '';
    if (this.header === undefined && this.fatal === null) {
      this.fatal = {
        line: this.line + 1,
        problems: [{ code: 'MISSING_HEADER', message: `the file is empty; expected the header ${HISTORY_COLUMNS.join(',')}` }],
        text: '',
      };
      this.sink.reject(this.fatal);
    }
    return {
      lines: this.line,
      blankLines: this.blankLines,
      acceptedRows: this.acceptedRows,
      rejectedRows: this.rejectedRows,
      fatal: this.fatal,
    };
  }

  private rejectLongLine(line: number, text: string): void {
    this.reject(line, text, [
      { code: 'LINE_TOO_LONG', message: `longer than ${MAX_LINE_LENGTH} characters; a history row is far shorter` },
    ]);
  }

  private onLine(text: string, start: number, end: number): void {
    this.line++;
    if (this.skippingLongLine) {
      this.skippingLongLine = false;
      return;
    }
    if (end - start > MAX_LINE_LENGTH) {
      this.rejectLongLine(this.line, text.slice(start, start + 200));
      return;
    }
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (this.fatal !== null) return;
    if (end === start || (text.charCodeAt(start) <= 32 && text.slice(start, end).trim() === '')) {
      this.blankLines++;
      return;
    }
    if (this.header === undefined) {
      this.readHeader(text.slice(start, end));
      return;
    }
    if (this.hasQuote(text, start, end)) {
      this.readQuotedRow(text.slice(start, end));
      return;
    }
    this.readRow(text, start, end);
  }

  private hasQuote(text: string, start: number, end: number): boolean {
    if (this.nextQuote >= 0 && this.nextQuote < start) this.nextQuote = text.indexOf('"', start);
    return this.nextQuote >= 0 && this.nextQuote < end;
  }

  private readHeader(line: string): void {
    const required = HISTORY_COLUMNS.join(',');
    if (line === required || line === `${required},${OPTIONAL_SPONSOR_COLUMN}`) {
      this.header = line;
      this.columnCount = line === required ? HISTORY_COLUMNS.length : HISTORY_COLUMNS.length + 1;
      return;
    }
    this.fatal = {
      line: this.line,
      problems: [
        {
          code: 'MISSING_HEADER',
          message: `expected the header ${required} (optionally ,${OPTIONAL_SPONSOR_COLUMN}) as the first line; without it the columns cannot be trusted, so nothing is imported`,
        },
      ],
      text: excerpt(line),
    };
    this.sink.reject(this.fatal);
  }

  /**
   * The hot path: an unquoted row read straight out of the chunk, one `indexOf` per comma and one string per
   * field, no line string or field array (at 10 M rows those allocations were a third of the import time).
   */
  private readRow(text: string, start: number, end: number): void {
    const header = this.header as string;
    if (end - start === header.length && text.startsWith(header, start)) {
      this.rejectDuplicateHeader(text.slice(start, end));
      return;
    }
    const commas = this.commas;
    const separators = this.columnCount - 1;
    let found = 0;
    for (let at = text.indexOf(',', start); at >= 0 && at < end; at = text.indexOf(',', at + 1)) {
      if (found === separators) {
        found++;
        break;
      }
      commas[found++] = at;
    }
    if (found !== separators) {
      const line = text.slice(start, end);
      this.rejectColumnCount(line.split(','), line);
      return;
    }
    this.checkFact(
      {
        applicationId: text.slice(start, commas[0]),
        category: text.slice(commas[0] + 1, commas[1]),
        citizenship: text.slice(commas[1] + 1, commas[2]),
        submittedOn: text.slice(commas[2] + 1, commas[3]),
        decidedOn: text.slice(commas[3] + 1, commas[4]),
        decision: text.slice(commas[4] + 1, separators === 5 ? end : commas[5]),
        sponsorType: separators === 5 ? undefined : text.slice(commas[5] + 1, end),
      },
      text,
      start,
      end,
    );
  }

  private readQuotedRow(line: string): void {
    if (line === this.header) {
      this.rejectDuplicateHeader(line);
      return;
    }
    const fields = splitQuoted(line);
    if (fields === undefined) {
      this.reject(this.line, line, [{ code: 'MALFORMED_QUOTES', message: 'a quoted field is not closed or not followed by a comma' }]);
      return;
    }
    if (fields.length !== this.columnCount) {
      this.rejectColumnCount(fields, line);
      return;
    }
    this.checkFact(
      {
        applicationId: fields[0],
        category: fields[1],
        citizenship: fields[2],
        submittedOn: fields[3],
        decidedOn: fields[4],
        decision: fields[5],
        sponsorType: this.columnCount > HISTORY_COLUMNS.length ? fields[6] : undefined,
      },
      line,
      0,
      line.length,
    );
  }

  private rejectDuplicateHeader(line: string): void {
    this.reject(this.line, line, [
      { code: 'DUPLICATE_HEADER', message: 'the header appears again (two files concatenated?); row skipped' },
    ]);
  }

  private rejectColumnCount(fields: readonly string[], line: string): void {
    this.reject(this.line, line, [{ code: 'WRONG_COLUMN_COUNT', message: `expected ${this.columnCount} columns, found ${fields.length}` }]);
  }

  private checkFact(fact: UncheckedApplicationFact, text: string, start: number, end: number): void {
    const result = this.validator.validate(fact);
    if (result.ok) {
      this.acceptedRows++;
      this.sink.accept(result.fact, this.line);
      return;
    }
    this.reject(
      this.line,
      text.slice(start, end),
      result.problems.map((problem) => ({ code: problem.code, column: COLUMN_OF_FIELD[problem.field], message: problem.message })),
    );
  }

  private reject(line: number, text: string, problems: RowProblem[]): void {
    this.rejectedRows++;
    this.sink.reject({ line, problems, text: excerpt(text) });
  }
}
