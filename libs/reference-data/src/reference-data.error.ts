/**
 * Reference data a service will not run on. Every problem is listed at once, so a broken file is fixed in one
 * round; each problem names the file, the entry and the field, e.g.
 * `decision-periods.v1.json: versions[0] (2024-06-12) .statutory.defaultDays: expected a number`.
 */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    /** One line per problem, each starting with the file name. */
    readonly problems: readonly string[],
  ) {
    super(`Reference data ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ReferenceDataError';
  }
}
