import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { ReferenceDataError } from './reference-data.error';
import { describePath, parseReferenceFile } from './reference-file.loader';
import { referenceFileSchema } from './reference-file.schema';
import { readDecisionPeriodReference } from './tables/decision-period.reference';

const SHIPPED_DECISION_PERIODS = path.join(__dirname, '..', 'tables', 'decision-periods.v1.json');

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error: unknown) {
    if (error instanceof ReferenceDataError) return error.problems;
    throw error;
  }
  throw new Error('expected the reference file to be refused');
}

/** A copy of the shipped table in a temp dir, changed by `edit`, loaded like the real one. */
function loadBrokenCopy(edit: (table: { versions: Record<string, unknown>[] }) => void): readonly string[] {
  const directory = mkdtempSync(path.join(tmpdir(), 'reference-data-'));
  try {
    const copy = path.join(directory, 'decision-periods.v1.json');
    copyFileSync(SHIPPED_DECISION_PERIODS, copy);
    const table = JSON.parse(readFileSync(copy, 'utf8')) as { versions: Record<string, unknown>[] };
    edit(table);
    writeFileSync(copy, JSON.stringify(table, null, 2));
    return problemsOf(() => readDecisionPeriodReference(copy));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('reference files: errors name the file, the entry and the field', () => {
  it('names file, entry (with its label) and field for a broken copy of the decision-period table', () => {
    const problems = loadBrokenCopy((table) => {
      const [current] = table.versions;
      const statutory = current.statutory as { rules: Record<string, unknown>[] };
      statutory.rules[2].days = 'thirty';
      current.validFrom = '12-06-2024';
    });
    expect(problems).toEqual([
      'decision-periods.v1.json: versions[0] (12-06-2024) .validFrom: expected an ISO date YYYY-MM-DD',
      'decision-periods.v1.json: versions[0] (12-06-2024) .statutory.rules[2] (PERMIT_CATEGORY_EU_BLUE_CARD) .days: ' +
        'Invalid input: expected number, received string',
    ]);
  });

  it('names the entries of a rule conflict that only the table as a whole shows', () => {
    const problems = loadBrokenCopy((table) => {
      const statutory = table.versions[0].statutory as { rules: Record<string, unknown>[] };
      statutory.rules.push({ ...statutory.rules[2], days: 45 });
    });
    expect(problems).toEqual([
      'decision-periods.v1.json: versions[0] (2024-06-12) .statutory.rules[4] (PERMIT_CATEGORY_EU_BLUE_CARD): ' +
        'more than one rule for PERMIT_CATEGORY_EU_BLUE_CARD, sponsorRecognised true',
    ]);
  });

  it('refuses a file without a version or sources, and a source without url or document', () => {
    const schema = referenceFileSchema({ entries: z.array(z.object({ id: z.string() })) });
    expect(problemsOf(() => parseReferenceFile(schema, { entries: [] }, 'x.v1.json'))).toEqual([
      'x.v1.json: version: Invalid input: expected string, received undefined',
      'x.v1.json: sources: Invalid input: expected array, received undefined',
    ]);
    const noWhere = { version: '1', sources: [{ title: 'a law' }], entries: [] };
    expect(problemsOf(() => parseReferenceFile(schema, noWhere, 'x.v1.json'))).toEqual([
      'x.v1.json: sources[0]: expected a url or a document',
    ]);
  });

  it('reports a file it cannot read as a problem of that file', () => {
    const missing = path.join(tmpdir(), 'no-such-dir', 'decision-periods.v1.json');
    expect(problemsOf(() => readDecisionPeriodReference(missing))[0]).toMatch(/^decision-periods\.v1\.json: cannot read \(ENOENT/);
  });

  it('writes a path as a reader finds it in the file', () => {
    const json = { groups: [{ id: 'STUDENTS', categories: ['STUDENT', 'ASTRONAUT'] }] };
    expect(describePath(json, ['groups', 0, 'categories', 1])).toBe('groups[0] (STUDENTS) .categories[1]');
    expect(describePath(json, [])).toBe('(root)');
  });
});
