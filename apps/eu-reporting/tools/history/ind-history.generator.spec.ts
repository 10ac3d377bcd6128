import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateHistoryCsv, PUBLISHED_FIGURES_FILE } from '../cli/generate-history.cli-program';
import { runFeedCommand } from '../cli/feed.cli-program';
import { percentHalfUp } from '../../src/feed/feed-statistics';
import { DEFAULT_REFERENCE_DIR } from '../../src/feed/feed-reference.loader';
import { apportion, grantedRange } from './ind-history.generator';
import { readPublishedFigures, type PublishedYearFigures } from '../../src/feed/published-figures.reader';

// The repository is checked out with `shared/` beside it; the committed copy stands in when it is not.
const SHARED_TABLE = path.resolve(__dirname, '../../../../../shared/data', PUBLISHED_FIGURES_FILE);
const COMMITTED_TABLE = path.join(DEFAULT_REFERENCE_DIR, PUBLISHED_FIGURES_FILE);
const yardstick = readPublishedFigures(readFileSync(existsSync(SHARED_TABLE) ? SHARED_TABLE : COMMITTED_TABLE, 'utf8'));

interface JsonSeries {
  group: string;
  year: number;
  applications: number;
  decisions: number;
  granted: number;
  grantRatePercent: number;
}

async function replay(csv: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const directory = mkdtempSync(path.join(tmpdir(), 'feed-history-'));
  try {
    const input = path.join(directory, 'history.csv');
    writeFileSync(input, csv);
    let stdout = '';
    let stderr = '';
    const code = await runFeedCommand(['--input', input, ...args], {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { stdout, stderr, code };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Generating and replaying a 100k-row history is CPU work: seconds on a quiet machine, far more on a busy CI runner.
jest.setTimeout(60_000);
describe('IND history generator', () => {
  const history = generateHistoryCsv();
  let replayed2015To2022: { stdout: string; stderr: string; code: number };
  beforeAll(async () => {
    // Raw cells: the IND's own table is compared, so nothing may be withheld (a few refusals are small cells).
    replayed2015To2022 = await replay(history, '--format', 'json', '--from', '2015', '--to', '2022', '--small-cells', 'off');
  });

  it('keeps a committed copy of the IND table identical to the shared one', () => {
    const committed = readFileSync(COMMITTED_TABLE, 'utf8');
    if (existsSync(SHARED_TABLE)) expect(committed).toBe(readFileSync(SHARED_TABLE, 'utf8'));
    expect(readPublishedFigures(committed)).toHaveLength(16);
  });

  it('writes a history whose replay reproduces every number of the IND table (2015–2022, both groups)', async () => {
    const { stdout, code } = replayed2015To2022;
    expect(code).toBe(0);
    const series = (JSON.parse(stdout) as { series: JsonSeries[] }).series;
    const replayed: PublishedYearFigures[] = series.map((s) => ({
      group: s.group,
      year: s.year,
      applications: s.applications,
      decisions: s.decisions,
      grantRatePercent: s.grantRatePercent,
    }));
    const order = (f: PublishedYearFigures): string => `${f.group} ${f.year}`;
    expect([...replayed].sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
      [...yardstick].sort((a, b) => order(a).localeCompare(order(b))),
    );
  });

  it('needs students submitted before 2015 and decided in 2015', async () => {
    const { stdout } = await replay(history, '--format', 'json', '--to', '2014');
    const students2014 = (JSON.parse(stdout) as { series: JsonSeries[] }).series.find((s) => s.group === 'STUDENTS');
    // 2016 cumulative decisions exceed cumulative applications by 260; by 2022 by 970.
    expect(students2014?.applications).toBeGreaterThanOrEqual(970);
    expect(students2014?.decisions).toBe(0);
  });

  it('leaves only valid rows: the importer rejects none', () => {
    const { stderr } = replayed2015To2022;
    expect(stderr).not.toContain('rejected line');
    expect(stderr).toMatch(/, 0 rejected, 0 blank/);
  });

  it('writes the same bytes for the same seed and a different history for another seed', () => {
    expect(generateHistoryCsv()).toBe(history);
    expect(generateHistoryCsv({ seed: 7 })).not.toBe(history);
  });

  it('reproduces the table with any seed', async () => {
    const { stdout } = await replay(generateHistoryCsv({ seed: 7 }), '--format', 'json', '--from', '2015', '--to', '2022');
    const series = (JSON.parse(stdout) as { series: JsonSeries[] }).series;
    for (const expected of yardstick) {
      expect(series.find((s) => s.group === expected.group && s.year === expected.year)).toMatchObject({
        applications: expected.applications,
        decisions: expected.decisions,
        grantRatePercent: expected.grantRatePercent,
      });
    }
  });
});

describe('generator arithmetic', () => {
  it('finds every grant count that rounds half up to the published percent, 99.5 % included in 100 %', () => {
    for (const [decisions, percent] of [
      [15170, 100],
      [12140, 92],
      [200, 100],
      [7, 43],
      [1, 0],
    ] as const) {
      const { min, max } = grantedRange(decisions, percent);
      for (let granted = Math.max(0, min - 2); granted <= Math.min(decisions, max + 2); granted++) {
        expect([granted, percentHalfUp(granted, decisions) === percent]).toEqual([granted, granted >= min && granted <= max]);
      }
    }
    expect(grantedRange(200, 100)).toEqual({ min: 199, max: 200 });
  });

  it('splits a total over weights exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(15220, [5, 3, 3, 4, 8, 16, 22, 20, 7, 4, 4, 4]).reduce((a, b) => a + b, 0)).toBe(15220);
  });
});
