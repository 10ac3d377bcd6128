import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { HistoryEventSink } from './history-event.publisher';
import { parseHistoryImportArguments, runHistoryImportCommand, type HistoryImportOptions } from './history-import.cli-program';
import type { HistoryStatusEvent } from './history-status-events';

const ENV = { KAFKA_BROKERS: '127.0.0.1:9092' };

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'history-import-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const fullPath = path.join(directory, name);
  writeFileSync(fullPath, text);
  return fullPath;
}

async function run(argv: string[], env: NodeJS.ProcessEnv = ENV) {
  let stdout = '';
  let stderr = '';
  const published: HistoryStatusEvent[] = [];
  let options: HistoryImportOptions | undefined;
  let closed = false;
  const code = await runHistoryImportCommand(
    argv,
    env,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    async (given): Promise<HistoryEventSink> => {
      options = given;
      return {
        partyOin: '00000001812345670000',
        publish: async (events) => {
          published.push(...events);
        },
        flush: async () => undefined,
        close: async () => {
          closed = true;
        },
      };
    },
  );
  return { code, stdout, stderr, published, options, closed };
}

describe('npm run history:import', () => {
  it('imports the good rows, reports the bad ones on stderr and prints a summary', async () => {
    const input = file(
      'history.csv',
      [
        'application_id,category,citizenship,submitted_on,decided_on,decision',
        'A-1,STUDENT,CN,2020-06-01,2020-06-20,GRANTED',
        'A-2,STUDENT,ZZ,2020-06-01,,',
        'A-3,STUDENT,CN,2020-06-01,,',
      ].join('\n'),
    );
    const result = await run(['--file', input]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'history-import: rejected line 3, citizenship: UNKNOWN_CITIZENSHIP: "ZZ" is not an assigned ISO 3166-1 alpha-2 code\n',
    );
    expect(result.stdout).toContain('history-import: 4 lines read: 2 rows imported, 1 rejected, 0 blank\n');
    expect(result.stdout).toContain(
      'history-import: 3 events (2 submitted, 1 granted, 0 refused, 0 withdrawn) published to welkom.ind.application-status.v1 as party ind (00000001812345670000)',
    );
    expect(result.published.map((e) => e.payload.applicationRef)).toEqual(['A-1', 'A-1', 'A-3']);
    expect(result.options).toMatchObject({ party: 'ind', brokers: ['127.0.0.1:9092'], batchSize: 1000 });
    expect(result.closed).toBe(true);
  });

  it('exits 1 and imports nothing when the file cannot be read as a history', async () => {
    const result = await run(['--file', file('headless.csv', 'A-1,STUDENT,CN,2020-06-01,,\n')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: MISSING_HEADER');
    expect(result.published).toEqual([]);
  });

  it('exits 1 with the reason when the file is missing', async () => {
    const result = await run(['--file', path.join(directory, 'nope.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENOENT');
    expect(result.closed).toBe(true);
  });

  it('exits 2 and lists every usage and environment problem', async () => {
    const result = await run(['--party', 'IND!', '--batch-size', '0'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('history-import: --file <csv> is required');
    expect(result.stderr).toContain('history-import: --party must be a party key such as ind (got "IND!")');
    expect(result.stderr).toContain('history-import: --batch-size must be a whole number from 1 to 999999 (got "0")');
    expect(result.stderr).toContain('history-import: KAFKA_BROKERS:');
    expect(result.options).toBeUndefined();
  });

  it('takes the certificates directory from the command line, else the environment, else .cache/certs', () => {
    const base = ['--file', 'x.csv'];
    const of = (argv: string[], env: NodeJS.ProcessEnv) => {
      const parsed = parseHistoryImportArguments(argv, env);
      return parsed.kind === 'run' ? parsed.options.certificatesDir : undefined;
    };
    expect(of([...base, '--certificates', '/a'], { ...ENV, WELKOM_CERTIFICATES_DIR: '/b' })).toBe('/a');
    expect(of(base, { ...ENV, WELKOM_CERTIFICATES_DIR: '/b' })).toBe('/b');
    expect(of(base, ENV)).toMatch(/\.cache\/certs$/);
  });
});
