import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { TALENT_FEED_CONTRACT } from '@welkom/contracts';
import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import {
  FeedBreakdown,
  FeedPeriod,
  FeedReasonAxis,
  SmallCells,
  type StreamFeedRequest,
  type StreamFeedResponse,
  TalentFeedSeries,
  type TalentFeedServiceClient,
} from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { envelopeFromHeaders, TOPICS } from '@welkom/events';
import {
  createKafkaClient,
  DEAD_LETTER_HEADERS,
  EnvelopeSigner,
  EventPublisher,
  ProducerSession,
  readTopicToEnd,
  type TopicRecord,
} from '@welkom/messaging';
import {
  eventually,
  serviceRun,
  testInfrastructure,
  type ServiceRun,
  type ServiceUnderTest,
  type TestInfrastructure,
} from '@welkom/testing';
import { decodeGrpcError } from '@welkom/grpc';
import { startKafkaBroker, type KafkaBrokerHandle } from '@welkom/infrastructure';
import { generateHistoryCsv } from '../apps/eu-reporting/tools/cli/generate-history.cli-program';

/**
 * Issue 6, end to end: the seeded history (the core generator, consistent with seed 000's IND table) is
 * imported into the running system as signed IND status events, eu-reporting applies them through its inbox
 * into PostgreSQL and serves the feed; every number of the table comes back over HTTP, byte for byte what
 * the replay CLI prints for the same file.
 *
 * Cost: the full history is ~594 k events (298,180 applications, 295,590 decided), each signed by the
 * importer and verified by the consumer, so importing it is by far the slowest step (2–5 minutes on a
 * 2-core machine shared with other suites). It is imported once. The re-import checks use files whose rows
 * were all imported before (the first 20,000 rows of the same history; the malformed file imported twice),
 * which exercise the same de-duplication for a fraction of the time.
 */
jest.setTimeout(20 * 60_000);

const REPO_ROOT = join(__dirname, '..');
const EU_REPORTING_OIN = '00000001856789010000';
const IND_OIN = '00000001812345670000';
const STATUS_TOPIC = TOPICS.applicationStatusChanged.name;
const FULL_IMPORT_TIMEOUT_MS = 15 * 60_000;

interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

interface FeedStatus {
  applications: number;
  decided: number;
  pending: number;
  asOf: string | null;
  revision: number;
}

interface JsonSeries {
  group: string;
  year: number;
  applications: number;
  decisions: number;
  granted: number;
  grantRatePercent: number | null;
  /** The measures the small-cell policy withheld. */
  confidential?: string[];
}

/** Applications and decided applications of a history CSV, counted independently of the feed code. */
function countsOf(csv: string): { applications: number; decided: number } {
  const rows = csv
    .split('\n')
    .slice(1)
    .filter((line) => line !== '');
  return { applications: rows.length, decided: rows.filter((line) => !line.endsWith(',,')).length };
}

/** The import's report of bad rows (stderr may also carry Kafka client warnings). */
function rejectedLines(result: ProcessResult): string[] {
  return result.stderr.split('\n').filter((line) => line.startsWith('history-import: rejected'));
}

function latestPerKey(records: TopicRecord[]): Map<string, TopicRecord> {
  const latest = new Map<string, TopicRecord>();
  for (const record of records) latest.set(record.key?.toString('utf8') ?? '', record);
  return latest;
}

function observation(series: TalentFeedSeries, indicator: string): number | undefined {
  return series.observations.find((o) => o.indicator === indicator)?.value;
}

describe('EU reporting feed: history import → Kafka → eu-reporting → HTTP, gRPC and the compacted topic', () => {
  // A broker of its own: the service aggregates every status event on its topic, so status events other specs
  // publish on the shared broker (the IND cohort, for one) would rightly change its figures.
  const sharedInfrastructure = testInfrastructure();
  let infrastructure: TestInfrastructure = sharedInfrastructure;
  let broker: KafkaBrokerHandle | undefined;
  const runId = randomBytes(4).toString('hex');
  const directory = mkdtempSync(join(tmpdir(), `eu-reporting-feed-${runId}-`));
  const historyPath = join(directory, 'history.csv');
  const certificatesDir = dirname(sharedInfrastructure.certificates.parties.ind.certificatePath);
  let kafka: ReturnType<typeof createKafkaClient>;
  let history: string;
  let run: ServiceRun | undefined;
  let service: ServiceUnderTest;

  const importFile = (file: string): Promise<ProcessResult> =>
    runNode('apps/eu-reporting/tools/history-import/history-import.cli.ts', ['--file', file], {
      KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
      WELKOM_CERTIFICATES_DIR: certificatesDir,
    });
  const replay = async (file: string, ...args: string[]): Promise<string> => {
    const result = await runNode('apps/eu-reporting/tools/cli/feed.cli.ts', ['--input', file, ...args]);
    expect(result.code).toBe(0);
    return result.stdout;
  };
  const get = async (path: string): Promise<Response> => fetch(`${service.httpAddress}${path}`);
  const status = async (): Promise<FeedStatus> => (await (await get('/feed/status')).json()) as FeedStatus;
  const feed = async (query: string): Promise<string> => {
    const response = await get(`/feed?${query}`);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** Events the service's inbox dropped as already applied, from its Prometheus metrics. */
  const duplicates = async (): Promise<number> => {
    const metrics = await (await get('/metrics')).text();
    const line = metrics.split('\n').find((l) => l.startsWith('welkom_events_duplicates_total{') && l.includes(`topic="${STATUS_TOPIC}"`));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  const untilApplied = (expected: { applications: number; decided: number }, timeoutMs = 120_000): Promise<FeedStatus> =>
    eventually(async () => {
      const current = await status();
      return current.applications === expected.applications && current.decided === expected.decided ? current : undefined;
    }, timeoutMs);

  beforeAll(async () => {
    broker = await startKafkaBroker();
    // Its own broker is PLAINTEXT: the shared broker's harness identity does not apply, and the service creates its topics.
    infrastructure = { ...sharedInfrastructure, kafkaBrokers: broker.brokers, kafkaTls: undefined };
    kafka = createKafkaClient({ clientId: `eu-reporting-feed-test-${runId}`, brokers: infrastructure.kafkaBrokers });
    // The committed, seeded core generator: its yearly totals reproduce the IND table of seed 000 exactly.
    history = generateHistoryCsv();
    writeFileSync(historyPath, history);
    run = serviceRun('eu_reporting_feed', { infrastructure });
    service = await run.start({ app: 'eu-reporting', party: 'eu-reporting', readyTimeoutMs: 120_000 });
  });

  afterAll(async () => {
    await run?.stop();
    await broker?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('imports the full seeded history and reproduces every number of the IND table 2015–2022', async () => {
    const expected = countsOf(history);
    expect(expected).toEqual({ applications: 298_180, decided: 295_590 });

    const started = Date.now();
    const result = await importFile(historyPath);
    const imported = Date.now();
    expect(rejectedLines(result)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`history-import: 298181 lines read: 298180 rows imported, 0 rejected, 0 blank`);
    expect(result.stdout).toMatch(/history-import: 593770 events \(298180 submitted, \d+ granted, \d+ refused, \d+ withdrawn\)/);
    expect(result.stdout).toContain(`as party ind (${IND_OIN})`);

    const applied = await untilApplied(expected, FULL_IMPORT_TIMEOUT_MS);
    expect(applied.asOf).toBe('2022-12-31');
    // For the report, not an assertion: how long the full path took on this machine.
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `eu-reporting feed: ${result.stdout.trim().split('\n').pop()}\n` +
        `  import ${((imported - started) / 1000).toFixed(1)} s; all 593770 events applied by the service after ` +
        `${seconds.toFixed(1)} s (${Math.round(593_770 / seconds)} events/s end to end)`,
    );

    const table = readFileSync(join(REPO_ROOT, 'apps', 'eu-reporting', 'reference', 'ind-applications-2015-2022.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(table).toHaveLength(16);
    const { series } = JSON.parse(await feed('format=json&from=2015&to=2022')) as { series: JsonSeries[] };
    expect(series).toHaveLength(16);
    // Small cells are protected on the national table too (leak 7): the students' 2015 grant rate goes with
    // their handful of refusals and withdrawals. The raw replay of the same file, run by whoever holds it,
    // still gives that figure, so every number of the IND table is checked.
    expect(series.filter((s) => s.confidential !== undefined).map((s) => [s.group, s.year, s.grantRatePercent])).toEqual([
      ['STUDENTS', 2015, null],
    ]);
    const raw = JSON.parse(await replay(historyPath, '--format', 'json', '--from', '2015', '--to', '2022', '--small-cells', 'off')) as {
      series: JsonSeries[];
    };
    for (const [group, year, applications, decisions, grantRate] of table) {
      const row = series.find((s) => s.group === group && s.year === Number(year));
      const withheld = row?.confidential?.includes('grantRatePercent') === true;
      const rawRow = raw.series.find((s) => s.group === group && s.year === Number(year));
      expect({
        group,
        year: Number(year),
        applications: row?.applications,
        decisions: row?.decisions,
        grant: withheld ? rawRow?.grantRatePercent : row?.grantRatePercent,
      }).toEqual({
        group,
        year: Number(year),
        applications: Number(applications),
        decisions: Number(decisions),
        grant: Number(grantRate),
      });
    }
  });

  it('serves byte for byte what `npm run feed` prints for the same file, with the right content types', async () => {
    const cases: [string, string[], string][] = [
      ['format=json&from=2015&to=2022', ['--format', 'json', '--from', '2015', '--to', '2022'], 'application/json; charset=utf-8'],
      ['format=sdmx-csv', ['--format', 'sdmx-csv'], 'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8'],
      ['format=table&by=category', ['--format', 'table', '--by', 'category'], 'text/plain; charset=utf-8'],
      ['format=svg&from=2015&to=2022', ['--format', 'svg', '--from', '2015', '--to', '2022'], 'image/svg+xml; charset=utf-8'],
      [
        'format=sdmx-csv&period=quarter&breakdown=citizenship&from=2021',
        ['--format', 'sdmx-csv', '--period', 'quarter', '--breakdown', 'citizenship', '--from', '2021'],
        'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8',
      ],
    ];
    for (const [query, args, contentType] of cases) {
      const response = await get(`/feed?${query}`);
      expect(response.headers.get('content-type')).toBe(contentType);
      const served = Buffer.from(await response.arrayBuffer());
      const printed = Buffer.from(await replay(historyPath, ...args), 'utf8');
      expect(served.length).toBeGreaterThan(1_000);
      expect(served.equals(printed)).toBe(true);
    }
  });

  it('answers a bad request with 400 and every problem', async () => {
    const response = await get('/feed?format=xml&from=15&bogus=1');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { problems: { field: string; description: string }[] };
    expect(body.problems).toEqual([
      { field: 'bogus', description: 'bogus is not a feed parameter (format, from, to, period, by, breakdown, small-cells, last-update)' },
      { field: 'format', description: 'format must be one of json, sdmx-csv, table, svg (got "xml")' },
      { field: 'from', description: 'from must be a year YYYY (got "15")' },
    ]);
  });

  it('changes nothing when rows that were imported before are imported again', async () => {
    const before = await status();
    const feedBefore = await feed('format=sdmx-csv&breakdown=citizenship');
    const duplicatesBefore = await duplicates();
    const prefix = history.split('\n').slice(0, 20_001);
    const prefixPath = join(directory, 'history-first-20000.csv');
    writeFileSync(prefixPath, `${prefix.join('\n')}\n`);
    const events = 20_000 + countsOf(`${prefix.join('\n')}\n`).decided;

    const result = await importFile(prefixPath);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`history-import: ${events} events`);
    await eventually(async () => ((await duplicates()) >= duplicatesBefore + events ? true : undefined), 300_000);

    expect(await status()).toEqual(before);
    expect(await feed('format=sdmx-csv&breakdown=citizenship')).toBe(feedBefore);
  });

  it('imports the good rows of a malformed file, reports each bad row precisely, and ignores a second import of it', async () => {
    const malformedPath = join(directory, 'malformed.csv');
    const malformedRows = [
      'MAL-1,HIGHLY_SKILLED_MIGRANT,IN,2023-01-10,2023-01-30,GRANTED',
      'MAL-2,STUDENT,CN,2023-02-30,,',
      'MAL-3,STUDENT,CN,2023-03-01,2023-03-20,REFUSED',
      'MAL-4,TOURIST,US,2023-03-01,,',
      'MAL-5,EU_BLUE_CARD,XX,2023-04-01,2023-03-01,GRANTED',
      'MAL-6,STUDENT,KR,2023-05-01,,',
      'MAL-7,STUDENT,KR,2023-05-01,2023-05-02',
      '',
      'MAL-8,HIGHLY_SKILLED_MIGRANT,TR,2023-06-01,2023-06-15,WITHDRAWN',
    ];
    writeFileSync(malformedPath, `application_id,category,citizenship,submitted_on,decided_on,decision\n${malformedRows.join('\n')}\n`);
    const before = await status();

    const first = await importFile(malformedPath);
    expect(first.code).toBe(0);
    expect(rejectedLines(first)).toEqual([
      'history-import: rejected line 3, submitted_on: INVALID_DATE: "2023-02-30" is not a day in the calendar',
      'history-import: rejected line 5, category: UNKNOWN_CATEGORY: "TOURIST" is not one of HIGHLY_SKILLED_MIGRANT, EU_BLUE_CARD, STUDENT, RESEARCHER, ORIENTATION_YEAR, START_UP, ESSENTIAL_START_UP_PERSONNEL, FAMILY_MEMBER, SELF_EMPLOYED',
      'history-import: rejected line 6, citizenship: UNKNOWN_CITIZENSHIP: "XX" is not an assigned ISO 3166-1 alpha-2 code',
      'history-import: rejected line 6, decided_on: DECIDED_BEFORE_SUBMITTED: "2023-03-01" is before the submission date "2023-04-01"',
      'history-import: rejected line 8: WRONG_COLUMN_COUNT: expected 6 columns, found 5',
    ]);
    expect(first.stdout).toContain('history-import: 10 lines read: 4 rows imported, 4 rejected, 1 blank');
    expect(first.stdout).toContain('history-import: 7 events (4 submitted, 1 granted, 1 refused, 1 withdrawn)');

    const after = await untilApplied({ applications: before.applications + 4, decided: before.decided + 3 });
    expect(after.asOf).toBe('2023-06-15');
    const figures = (series: JsonSeries[]) =>
      series.map((s) => [s.group, s.year, s.applications, s.decisions, s.granted, s.grantRatePercent]);
    // 2023 holds a handful of applications, all small cells, so the service withholds them (leak 7).
    const { series } = JSON.parse(await feed('format=json&from=2023&to=2023')) as { series: JsonSeries[] };
    expect(figures(series)).toEqual([
      ['KNOWLEDGE_MIGRANTS', 2023, null, null, null, null],
      ['STUDENTS', 2023, null, null, null, null],
    ]);
    // The CLI, given the full history followed by the same rows, rejects the same rows and prints the same feed;
    // its raw replay (for whoever holds the file) shows the figures of exactly the good rows.
    const combinedPath = join(directory, 'history-and-malformed.csv');
    writeFileSync(combinedPath, `${history}${malformedRows.join('\n')}\n`);
    expect(await feed('format=json')).toBe(await replay(combinedPath, '--format', 'json'));
    const raw = JSON.parse(await replay(combinedPath, '--format', 'json', '--from', '2023', '--to', '2023', '--small-cells', 'off')) as {
      series: JsonSeries[];
    };
    expect(figures(raw.series)).toEqual([
      ['KNOWLEDGE_MIGRANTS', 2023, 2, 2, 1, 50],
      ['STUDENTS', 2023, 2, 1, 0, 0],
    ]);

    const duplicatesBefore = await duplicates();
    const feedBefore = await feed('format=sdmx-csv');
    const second = await importFile(malformedPath);
    expect(second.code).toBe(0);
    expect(rejectedLines(second)).toEqual(rejectedLines(first));
    await eventually(async () => ((await duplicates()) >= duplicatesBefore + 7 ? true : undefined), 60_000);
    expect(await status()).toEqual(after);
    expect(await feed('format=sdmx-csv')).toBe(feedBefore);
  });

  it('dead-letters a status event it cannot apply, with the reasons, and keeps going', async () => {
    const signer = EnvelopeSigner.fromFiles({
      certificatePath: infrastructure.certificates.parties.ind.certificatePath,
      privateKeyPath: infrastructure.certificates.parties.ind.privateKeyPath,
    });
    const producer = ProducerSession.reliable(kafka);
    const publisher = new EventPublisher(producer, signer);
    const event = (applicationRef: string, citizenship: string): ApplicationStatusChanged => ({
      applicationRef,
      subject: undefined,
      category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
      status: ApplicationStatus.APPLICATION_STATUS_GRANTED,
      citizenship,
      sponsorType: SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
      sponsor: undefined,
      submittedOn: '2023-07-01',
      decidedOn: '2023-07-20',
      reasonCode: '',
      occurredAt: undefined,
      collectionPoint: '',
      arrival: undefined,
    });
    const before = await status();
    try {
      const bad = await publisher.publish(TOPICS.applicationStatusChanged, event(`DLT-${runId}`, 'QQ'));
      await publisher.publish(TOPICS.applicationStatusChanged, event(`OK-${runId}`, 'JP'));
      await untilApplied({ applications: before.applications + 1, decided: before.decided + 1 });
      const letter = await eventually(async () => {
        const records = await readTopicToEnd(kafka, [`${STATUS_TOPIC}.dlt`]);
        return records.find((record) => envelopeFromHeaders(record.headers).eventId === bad.eventId);
      }, 60_000);
      expect(letter.headers[DEAD_LETTER_HEADERS.errorClass]?.toString()).toBe('BUSINESS_REJECTION');
      expect(letter.headers[DEAD_LETTER_HEADERS.reason]?.toString()).toContain(
        `citizenship: event ${bad.eventId}: UNKNOWN_CITIZENSHIP: "QQ" is not an assigned ISO 3166-1 alpha-2 code`,
      );
    } finally {
      await producer.close();
    }
  });

  it('streams the feed over gRPC to any party, and resuming from a position yields exactly the rest', async () => {
    const client = service.client<TalentFeedServiceClient>(TALENT_FEED_CONTRACT, 'university-leiden');
    const request: StreamFeedRequest = {
      fromPosition: '0',
      fromYear: 2015,
      toYear: 2022,
      period: FeedPeriod.FEED_PERIOD_YEAR,
      reasonAxis: FeedReasonAxis.FEED_REASON_AXIS_GROUP,
      breakdown: [FeedBreakdown.FEED_BREAKDOWN_CITIZENSHIP],
      smallCells: SmallCells.SMALL_CELLS_UNSPECIFIED,
    };
    const stream = (fromPosition: string): Promise<StreamFeedResponse[]> =>
      lastValueFrom(client.streamFeed({ ...request, fromPosition }).pipe(toArray()));

    const all = await stream('0');
    expect(all.length).toBeGreaterThan(300);
    const positions = all.map((entry) => BigInt(entry.position));
    positions.slice(1).forEach((position, i) => expect(position > positions[i]).toBe(true));
    const middle = Math.floor(all.length / 2);
    const rest = await stream(all[middle - 1].position);
    expect(rest).toEqual(all.slice(middle));
    expect(rest.length).toBe(all.length - middle);

    // The stream's figures are the HTTP feed's: India's knowledge migrants in 2022.
    const { series } = JSON.parse(await feed('format=json&from=2022&to=2022&breakdown=citizenship')) as {
      series: (JsonSeries & { citizenship: string })[];
    };
    const india = series.find((s) => s.group === 'KNOWLEDGE_MIGRANTS' && s.citizenship === 'IN');
    const streamed = all.find((entry) => entry.series?.seriesId === 'A.KNOW_MIG.IN.TOTAL.NL:2022')?.series as TalentFeedSeries;
    expect(observation(streamed, 'APPL')).toBe(india?.applications);
    expect(observation(streamed, 'DEC')).toBe(india?.decisions);

    const refused = await lastValueFrom(client.streamFeed({ ...request, fromYear: 22 }).pipe(toArray())).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 3 });
  });

  it('leak 7: a caller cannot switch small-cell suppression off over gRPC or HTTP', async () => {
    const refusal = 'off is refused: this feed always protects small cells, whoever asks';
    const response = await get('/feed?format=sdmx-csv&breakdown=citizenship&small-cells=off');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { problems: unknown[] }).problems).toEqual([
      { field: 'small-cells', description: `small-cells ${refusal}` },
    ]);

    const client = service.client<TalentFeedServiceClient>(TALENT_FEED_CONTRACT, 'university-leiden');
    const request: StreamFeedRequest = {
      fromPosition: '0',
      fromYear: 2015,
      toYear: 2022,
      period: FeedPeriod.FEED_PERIOD_YEAR,
      reasonAxis: FeedReasonAxis.FEED_REASON_AXIS_GROUP,
      breakdown: [FeedBreakdown.FEED_BREAKDOWN_CITIZENSHIP],
      smallCells: SmallCells.SMALL_CELLS_OFF,
    };
    const error = await lastValueFrom(client.streamFeed(request).pipe(toArray())).then(
      () => {
        throw new Error('expected SMALL_CELLS_OFF to be refused');
      },
      (failure: unknown) => decodeGrpcError(failure as Parameters<typeof decodeGrpcError>[0]),
    );
    expect(error).toMatchObject({
      code: 3,
      reason: 'INVALID_FEED_REQUEST',
      fieldViolations: [{ field: 'small_cells', description: `small_cells ${refusal}` }],
    });

    // What is served instead is protected on every table, the national one too: no count between 1 and 9.
    const national = await lastValueFrom(
      client
        .streamFeed({ ...request, breakdown: [], period: FeedPeriod.FEED_PERIOD_MONTH, smallCells: SmallCells.SMALL_CELLS_ON })
        .pipe(toArray()),
    );
    const counts = national.flatMap((entry) => entry.series?.observations ?? []).filter((o) => o.unit === 'NR');
    expect(counts.some((o) => o.obsFlag === 'c' && o.value === undefined)).toBe(true);
    expect(counts.filter((o) => o.value !== undefined && o.value > 0 && o.value < 10)).toEqual([]);
    const csv = await feed('format=sdmx-csv&period=month&by=category');
    expect(csv).toContain(',c,C');
    expect(csv.split('\n').filter((line) => /,NR,NL,[^,]+,[1-9],/.test(line))).toEqual([]);
  });

  it('keeps the latest figures of every published series on the compacted topic, keyed by series id', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // 2 = ConfigResourceTypes.TOPIC (the enum lives in kafkajs, which only libs/messaging imports).
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: TOPICS.talentFeed.name, configNames: ['cleanup.policy'] }],
      });
      expect(described.resources[0].configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }

    // The 2023 series appear only after the malformed file's rows, so once one is there, so is the rest.
    const national = await eventually(async () => {
      const latest = latestPerKey(await readTopicToEnd(kafka, [TOPICS.talentFeed.name]));
      return latest.has('A.KNOW_MIG.TOTAL.TOTAL.NL:2023') ? latest : undefined;
    }, 120_000);
    const row = (key: string): TalentFeedSeries => {
      const record = national.get(key);
      if (record?.value == null) throw new Error(`no record for ${key}`);
      expect(envelopeFromHeaders(record.headers).sourcePartyOin).toBe(EU_REPORTING_OIN);
      return TalentFeedSeries.decode(record.value);
    };
    const knowledge2022 = row('A.KNOW_MIG.TOTAL.TOTAL.NL:2022');
    expect([observation(knowledge2022, 'APPL'), observation(knowledge2022, 'DEC'), observation(knowledge2022, 'GRANT_RT')]).toEqual([
      33_030, 33_080, 94,
    ]);
    // The students' 2015 grant rate is withheld here too: a handful of refusals is a small cell (leak 7).
    const students2015 = row('A.STUDY.TOTAL.TOTAL.NL:2015');
    expect([observation(students2015, 'APPL'), observation(students2015, 'DEC'), observation(students2015, 'GRANT_RT')]).toEqual([
      15_220,
      15_170,
      undefined,
    ]);
    expect(students2015.observations.find((o) => o.indicator === 'GRANT_RT')).toMatchObject({ obsFlag: 'c' });
    expect(row('A.HSM.TOTAL.TOTAL.NL:2022').reason).toBe('HSM');
    expect(row('A.KNOW_MIG.IN.TOTAL.NL:2022').citizen).toBe('IN');
  });
});
