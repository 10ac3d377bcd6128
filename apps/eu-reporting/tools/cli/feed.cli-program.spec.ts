import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runFeedCommand } from './feed.cli-program';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'feed-command-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const fullPath = path.join(directory, name);
  writeFileSync(fullPath, text);
  return fullPath;
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runFeedCommand(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const HEADER = 'application_id,category,citizenship,submitted_on,decided_on,decision';
const HISTORY = [
  HEADER,
  'A-1,HIGHLY_SKILLED_MIGRANT,IN,2014-12-20,2015-01-05,GRANTED',
  'A-2,EU_BLUE_CARD,CN,2015-02-01,2015-03-01,REFUSED',
  'A-3,STUDENT,US,2015-06-01,,',
  'A-4,STUDENT,US,2015-06-01,2016-07-01,WITHDRAWN',
  'A-5,STUDENT,KR,2016-06-01,2016-06-20,GRANTED',
].join('\n');

describe('feed command (npm run feed)', () => {
  it('prints byte-identical output for the same input, in every format', async () => {
    const input = file('history.csv', `${HISTORY}\n`);
    for (const format of ['json', 'sdmx-csv', 'table', 'svg']) {
      const first = await run('--input', input, '--format', format);
      const second = await run('--input', input, '--format', format);
      expect(first.code).toBe(0);
      expect(first.stdout.length).toBeGreaterThan(100);
      expect(second.stdout).toBe(first.stdout);
    }
  });

  it('gives the same feed whatever order the rows come in, and when the file is imported twice', async () => {
    const rows = HISTORY.split('\n').slice(1);
    const shuffled = file('shuffled.csv', [HEADER, ...[...rows].reverse(), ...rows].join('\n'));
    const original = await run('--input', file('original.csv', HISTORY), '--format', 'sdmx-csv');
    expect((await run('--input', shuffled, '--format', 'sdmx-csv')).stdout).toBe(original.stdout);
  });

  it('filters the years shown while counting decisions on earlier submissions', async () => {
    // Raw cells: the counts here are one or two applications, which the default protection withholds.
    const { stdout } = await run('--input', file('h.csv', HISTORY), '--from', '2015', '--to', '2015', '--small-cells', 'off');
    const series = (JSON.parse(stdout) as { series: { group: string; year: number; applications: number; decisions: number }[] }).series;
    expect(series.map((s) => [s.group, s.year, s.applications, s.decisions])).toEqual([
      ['KNOWLEDGE_MIGRANTS', 2015, 1, 2],
      ['STUDENTS', 2015, 2, 0],
    ]);
  });

  it('reports each malformed row with its line and reason on stderr and still prints the feed of the rest', async () => {
    const input = file(
      'malformed.csv',
      [HISTORY, 'B-1,STUDENT,US,2015-02-30,,', 'B-2,TOURIST,US,2015-06-01,,', '', 'B-3,STUDENT,US,2015-06-01,2015-05-01,GRANTED'].join(
        '\n',
      ),
    );
    const { code, stdout, stderr } = await run('--input', input, '--format', 'json');
    expect(code).toBe(0);
    expect(stderr.split('\n').filter((l) => l.startsWith('feed: rejected'))).toEqual([
      'feed: rejected line 7, submitted_on: INVALID_DATE: "2015-02-30" is not a day in the calendar',
      'feed: rejected line 8, category: UNKNOWN_CATEGORY: "TOURIST" is not one of HIGHLY_SKILLED_MIGRANT, EU_BLUE_CARD, STUDENT, RESEARCHER, ORIENTATION_YEAR, START_UP, ESSENTIAL_START_UP_PERSONNEL, FAMILY_MEMBER, SELF_EMPLOYED',
      'feed: rejected line 10, decided_on: DECIDED_BEFORE_SUBMITTED: "2015-05-01" is before the submission date "2015-06-01"',
    ]);
    expect(stderr).toContain('5 rows imported (5 new, 0 replaced, 0 unchanged), 3 rejected, 1 blank');
    expect(JSON.parse(stdout)).toHaveProperty('series');
  });

  it('prints no feed and exits 1 when the file has no header', async () => {
    const { code, stdout, stderr } = await run('--input', file('headless.csv', HISTORY.split('\n').slice(1).join('\n')));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('line 1: MISSING_HEADER');
  });

  it('exits 1 with the reason when the input cannot be read', async () => {
    const { code, stderr } = await run('--input', path.join(directory, 'nope.csv'));
    expect(code).toBe(1);
    expect(stderr).toContain('ENOENT');
  });

  it('exits 2 and lists every usage problem', async () => {
    const { code, stderr } = await run('--format', 'xml', '--from', '15', '--breakdown', 'gender');
    expect(code).toBe(2);
    expect(stderr).toContain('--input <file> is required');
    expect(stderr).toContain('--format must be one of json, sdmx-csv, table, svg (got "xml")');
    expect(stderr).toContain('--from must be a year YYYY (got "15")');
    expect(stderr).toContain('--breakdown accepts citizenship and sponsor-type (got "gender")');
  });

  it('refuses a chart of anything but the annual table per group', async () => {
    const { code, stderr } = await run('--input', 'x.csv', '--format', 'svg', '--period', 'month');
    expect(code).toBe(2);
    expect(stderr).toContain('--format svg charts the annual table per group');
  });

  it('applies the small-cell policy to citizenship breakdowns by default and lets it be switched off', async () => {
    const input = file('cells.csv', HISTORY);
    const protectedFeed = await run('--input', input, '--format', 'sdmx-csv', '--breakdown', 'citizenship');
    expect(protectedFeed.stdout).toContain(',A,APPL,KNOW_MIG,IN,TOTAL,NR,NL,2014,,c,C');
    const open = await run('--input', input, '--format', 'sdmx-csv', '--breakdown', 'citizenship', '--small-cells', 'off');
    expect(open.stdout).toContain(',A,APPL,KNOW_MIG,IN,TOTAL,NR,NL,2014,1,,');
  });

  it('uses a given LAST UPDATE instead of the as-of date', async () => {
    const input = file('lu.csv', HISTORY);
    expect((await run('--input', input, '--format', 'sdmx-csv')).stdout.split('\n')[1]).toContain(',01/07/16 00:00:00,');
    const given = await run('--input', input, '--format', 'sdmx-csv', '--last-update', '2023-02-01T09:30:00');
    expect(given.stdout.split('\n')[1]).toContain(',01/02/23 09:30:00,');
  });
});
