import { ReferenceDataError } from './reference-data.error';
import type { Validity } from './reference-file.schema';

/** True when `date` (YYYY-MM-DD) lies in the entry's validity; both ends inclusive, `validTo` null is open. */
export function isValidOn(entry: Validity, date: string): boolean {
  return entry.validFrom <= date && (entry.validTo === null || date <= entry.validTo);
}

/**
 * Problems with the validity of a list of entries: `validTo` before `validFrom`, and two entries for the same
 * key whose periods overlap (then "which entry applies on D" would depend on file order). `where` names the
 * list as in error messages (`versions`), `keyOf` the key (one key for the whole list when omitted). The
 * problems do not name the file: `parseReferenceFile` and `DatedEntries` put it in front.
 */
export function validityProblems<Entry extends Validity>(
  where: string,
  entries: readonly Entry[],
  keyOf: (entry: Entry) => string = () => '',
  /** How an entry is named in a message; its key, or its validFrom when all entries share one key. */
  labelOf: (entry: Entry) => string = (entry) => keyOf(entry) || entry.validFrom,
): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, { entry: Entry; index: number }[]>();
  entries.forEach((entry, index) => {
    const key = keyOf(entry);
    const at = `${where}[${index}] (${labelOf(entry)})`;
    if (entry.validTo !== null && entry.validTo < entry.validFrom) problems.push(`${at} .validTo: lies before validFrom`);
    const earlier = byKey.get(key) ?? [];
    for (const other of earlier) {
      const overlaps =
        (other.entry.validTo === null || entry.validFrom <= other.entry.validTo) &&
        (entry.validTo === null || other.entry.validFrom <= entry.validTo);
      if (overlaps) problems.push(`${at} .validFrom: overlaps ${where}[${other.index}]; close that one with validTo first`);
    }
    byKey.set(key, [...earlier, { entry, index }]);
  });
  return problems;
}

/**
 * Entries checked for overlap once, then looked up by reference date: "which entry applies on D".
 * Refuses overlapping entries for the same key at construction (a load error, naming file and entries).
 */
export class DatedEntries<Entry extends Validity> {
  private readonly byKey = new Map<string, Entry[]>();

  constructor(
    readonly file: string,
    where: string,
    entries: readonly Entry[],
    private readonly keyOf: (entry: Entry) => string = () => '',
  ) {
    const problems = validityProblems(where, entries, keyOf);
    if (problems.length > 0)
      throw new ReferenceDataError(
        file,
        problems.map((problem) => `${file}: ${problem}`),
      );
    for (const entry of entries) this.byKey.set(keyOf(entry), [...(this.byKey.get(keyOf(entry)) ?? []), entry]);
  }

  /** The entry for `key` valid on `date`, or undefined when none applies (before the first, in a gap, after the last). */
  on(date: string, key = ''): Entry | undefined {
    return this.byKey.get(key)?.find((entry) => isValidOn(entry, date));
  }

  /** Like `on`, but a missing entry is an error that names the file, the key and the date. */
  require(date: string, key = ''): Entry {
    const entry = this.on(date, key);
    if (entry === undefined) throw new RangeError(`${this.file}: no entry${key === '' ? '' : ` for ${key}`} applies on ${date}`);
    return entry;
  }

  all(): Entry[] {
    return [...this.byKey.values()].flat();
  }
}
