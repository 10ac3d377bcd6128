import type { CheckedApplicationFact } from '../../src/feed/application-fact';
import { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import { formatIsoDate } from '@welkom/platform';
import { loadFeedReference } from '../../src/feed/feed-reference.loader';
import { HistoryCsvParser, MAX_LINE_LENGTH, describeRejectedRow, type HistoryParseSummary, type RejectedRow } from './history-csv.parser';

const validator = new ApplicationFactValidator(loadFeedReference().citizenships);
const HEADER = 'application_id,category,citizenship,submitted_on,decided_on,decision';

interface Parsed {
  accepted: { line: number; fact: CheckedApplicationFact }[];
  rejected: RejectedRow[];
  summary: HistoryParseSummary;
}

function parse(chunks: string | string[]): Parsed {
  const accepted: Parsed['accepted'] = [];
  const rejected: RejectedRow[] = [];
  const parser = new HistoryCsvParser(validator, {
    accept: (fact, line) => accepted.push({ line, fact }),
    reject: (row) => rejected.push(row),
  });
  for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) parser.push(chunk);
  return { accepted, rejected, summary: parser.end() };
}

const GOOD = 'OK-1,STUDENT,CN,2022-06-01,2022-07-01,GRANTED';

describe('history CSV parser', () => {
  it('reads a good row into a checked fact', () => {
    const { accepted, rejected } = parse(`${HEADER}\n${GOOD}\nOK-2,EU_BLUE_CARD,IN,2022-06-01,,\n`);
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => a.line)).toEqual([2, 3]);
    expect(formatIsoDate(accepted[0].fact.decidedDay)).toBe('2022-07-01');
    expect(accepted[1].fact.decision).toBe(0);
  });

  // Each malformed row sits on line 3 between two good rows: it is reported there, with its reason,
  // and both good rows still get through.
  it.each([
    ['bad date', 'X,STUDENT,CN,2022-13-01,,', 'INVALID_DATE', 'submitted_on'],
    ['impossible day', 'X,STUDENT,CN,2021-02-29,,', 'INVALID_DATE', 'submitted_on'],
    ['date in another format', 'X,STUDENT,CN,01-06-2022,,', 'INVALID_DATE', 'submitted_on'],
    ['bad decision date', 'X,STUDENT,CN,2022-06-01,2022-7-1,GRANTED', 'INVALID_DATE', 'decided_on'],
    ['unknown category', 'X,TOURIST,CN,2022-06-01,,', 'UNKNOWN_CATEGORY', 'category'],
    ['category in lower case', 'X,student,CN,2022-06-01,,', 'UNKNOWN_CATEGORY', 'category'],
    ['decided before submitted', 'X,STUDENT,CN,2022-06-01,2022-05-31,GRANTED', 'DECIDED_BEFORE_SUBMITTED', 'decided_on'],
    ['decision without date', 'X,STUDENT,CN,2022-06-01,,GRANTED', 'DECISION_WITHOUT_DATE', 'decided_on'],
    ['date without decision', 'X,STUDENT,CN,2022-06-01,2022-07-01,', 'DATE_WITHOUT_DECISION', 'decision'],
    ['unknown decision value', 'X,STUDENT,CN,2022-06-01,2022-07-01,APPROVED', 'UNKNOWN_DECISION', 'decision'],
    ['lower-case citizenship', 'X,STUDENT,cn,2022-06-01,,', 'INVALID_CITIZENSHIP', 'citizenship'],
    ['alpha-3 citizenship', 'X,STUDENT,CHN,2022-06-01,,', 'INVALID_CITIZENSHIP', 'citizenship'],
    ['unassigned citizenship', 'X,STUDENT,QQ,2022-06-01,,', 'UNKNOWN_CITIZENSHIP', 'citizenship'],
    ['missing citizenship', 'X,STUDENT,,2022-06-01,,', 'MISSING_VALUE', 'citizenship'],
    ['missing application id', ',STUDENT,CN,2022-06-01,,', 'MISSING_VALUE', 'application_id'],
    ['application id with a space', 'X 1,STUDENT,CN,2022-06-01,,', 'INVALID_APPLICATION_ID', 'application_id'],
    ['too few columns', 'X,STUDENT,CN,2022-06-01,', 'WRONG_COLUMN_COUNT', undefined],
    ['too many columns', 'X,STUDENT,CN,2022-06-01,,,', 'WRONG_COLUMN_COUNT', undefined],
    ['duplicate header', HEADER, 'DUPLICATE_HEADER', undefined],
    ['unclosed quote', '"X,STUDENT,CN,2022-06-01,,', 'MALFORMED_QUOTES', undefined],
  ])('rejects a row with %s at its line, keeping the good rows', (_case, row, code, column) => {
    const { accepted, rejected, summary } = parse(`${HEADER}\n${GOOD}\n${row}\n${GOOD.replace('OK-1', 'OK-2')}\n`);
    expect(accepted.map((a) => a.line)).toEqual([2, 4]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].line).toBe(3);
    expect(rejected[0].problems[0].code).toBe(code);
    expect(rejected[0].problems[0].column).toBe(column);
    expect(rejected[0].text).toBe(row);
    expect(summary).toMatchObject({ acceptedRows: 2, rejectedRows: 1, fatal: null });
  });

  it('says what is wrong in words a person can act on', () => {
    const { rejected } = parse(`${HEADER}\nX,STUDENT,CN,2022-06-01,2022-05-31,GRANTED\n`);
    expect(describeRejectedRow(rejected[0])).toEqual([
      'line 2, decided_on: DECIDED_BEFORE_SUBMITTED: "2022-05-31" is before the submission date "2022-06-01"',
    ]);
  });

  it('reports every problem of a row at once', () => {
    const { rejected } = parse(`${HEADER}\nX,TOURIST,cn,2022-02-30,,MAYBE\n`);
    expect(rejected[0].problems.map((p) => p.code)).toEqual([
      'UNKNOWN_CATEGORY',
      'INVALID_CITIZENSHIP',
      'INVALID_DATE',
      'UNKNOWN_DECISION',
      'DECISION_WITHOUT_DATE',
    ]);
  });

  it('skips empty and whitespace-only lines without rejecting them, and keeps counting lines', () => {
    const { accepted, rejected, summary } = parse(`\n${HEADER}\n\n${GOOD}\n   \n\r\nOK-2,STUDENT,CN,2022-06-01,,\n\n`);
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => a.line)).toEqual([4, 7]);
    expect(summary).toMatchObject({ lines: 8, blankLines: 5, acceptedRows: 2 });
  });

  it('reads CRLF line ends, a byte-order mark and a last line without a line end', () => {
    const { accepted, rejected } = parse(`\ufeff${HEADER}\r\n${GOOD}\r\nOK-2,STUDENT,CN,2022-06-01,,`);
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => a.line)).toEqual([2, 3]);
  });

  it('gives the same result however the text is cut into chunks', () => {
    const text = [
      HEADER,
      GOOD,
      'BAD,STUDENT,CN,2022-06-01,,X',
      '',
      '"OK-3",STUDENT,US,2022-06-01,,',
      'OK-4,STUDENT,US,2022-06-01,,',
      'OK-5,STUDENT,"US",2022-06-01,,',
      'BAD-2,"STUDENT,CN,2022-06-01,,',
      'OK-6,STUDENT,US,2022-06-01,,\r',
      '',
    ].join('\n');
    const whole = parse(text);
    const byCharacter = parse([...text]);
    expect(whole.accepted.map((a) => a.fact.applicationId)).toEqual(['OK-1', 'OK-3', 'OK-4', 'OK-5', 'OK-6']);
    expect(whole.rejected.map((r) => [r.line, r.problems[0].code])).toEqual([
      [3, 'UNKNOWN_DECISION'],
      [8, 'MALFORMED_QUOTES'],
    ]);
    expect(byCharacter.accepted).toEqual(whole.accepted);
    expect(byCharacter.rejected).toEqual(whole.rejected);
    expect(byCharacter.summary).toEqual(whole.summary);
  });

  it('accepts RFC 4180 quoted fields', () => {
    const { accepted, rejected } = parse(`${HEADER}\n"OK-1","STUDENT",CN,"2022-06-01","",""\n`);
    expect(rejected).toEqual([]);
    expect(accepted[0].fact.applicationId).toBe('OK-1');
  });

  it('imports nothing from a file that does not start with the header, and says so once', () => {
    const { accepted, rejected, summary } = parse(`${GOOD}\n${GOOD}\n`);
    expect(accepted).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ line: 1, problems: [{ code: 'MISSING_HEADER' }] });
    expect(summary.fatal?.line).toBe(1);
  });

  it('treats an empty file as missing its header', () => {
    expect(parse('').summary.fatal?.problems[0].code).toBe('MISSING_HEADER');
  });

  it('reads an optional sponsor_type column', () => {
    const { accepted, rejected } = parse(
      `${HEADER},sponsor_type\nOK-1,EU_BLUE_CARD,IN,2022-06-01,,,RECOGNISED_SPONSOR\nOK-2,EU_BLUE_CARD,IN,2022-06-01,,,\nX,EU_BLUE_CARD,IN,2022-06-01,,,BOSS\n`,
    );
    expect(accepted.map((a) => a.fact.sponsorType)).toEqual([1, 0]);
    expect(rejected[0]).toMatchObject({ line: 4, problems: [{ code: 'UNKNOWN_SPONSOR_TYPE', column: 'sponsor_type' }] });
  });

  it('counts columns against the header: six without sponsor_type, seven with it', () => {
    expect(parse(`${HEADER}\nX,STUDENT,CN,2022-06-01,,,RECOGNISED_SPONSOR\n`).rejected[0].problems[0]).toEqual({
      code: 'WRONG_COLUMN_COUNT',
      message: 'expected 6 columns, found 7',
    });
    expect(parse(`${HEADER},sponsor_type\n${GOOD}\n`).rejected[0].problems[0]).toEqual({
      code: 'WRONG_COLUMN_COUNT',
      message: 'expected 7 columns, found 6',
    });
  });

  it('rejects an overlong line once without holding it in memory, and reads on after it', () => {
    const long = 'X'.repeat(MAX_LINE_LENGTH * 3);
    const chunks = [`${HEADER}\n${GOOD}\n`, ...long.match(/.{1,1000}/g)!, `\nOK-2,STUDENT,CN,2022-06-01,,\n`];
    const { accepted, rejected } = parse(chunks);
    expect(rejected.map((r) => [r.line, r.problems[0].code])).toEqual([[3, 'LINE_TOO_LONG']]);
    expect(accepted.map((a) => a.line)).toEqual([2, 4]);
  });
});
