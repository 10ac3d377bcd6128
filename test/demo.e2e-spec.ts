import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from '@welkom/infrastructure';
import { TOPICS } from '@welkom/events';
import { createKafkaClient, listDeadLetters } from '@welkom/messaging';
import { eventually, serviceRun, type ServiceUnderTest, testKafka } from '@welkom/testing';
import { type DemoStory, planDemo } from '../scripts/demo/demo-cohort';
import { runDemo } from '../scripts/demo/demo-scenario';
import type { DemoSummary } from '../scripts/demo/demo-summary';
import { demoSystemOf, startShippedSystem } from './shipped-system';

jest.setTimeout(900_000);

// Debian's chromium (apt-get install chromium); puppeteer-core never downloads a browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshot goes (git-ignored); WELKOM_TEST_OUTPUT_DIR moves it. */
const OUTPUT_DIR = process.env.WELKOM_TEST_OUTPUT_DIR ?? join(REPO_ROOT, 'test-output');

/** The few DOM members the page checks read (the specs compile without the DOM library). */
interface PanelElement {
  dataset: Record<string, string | undefined>;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

interface PanelSeen {
  readonly panel: string;
  readonly state: string;
  readonly figures: readonly string[];
}

interface RowElement {
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

interface CanvasElement {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

const PANELS = ['chain', 'deadlines', 'onceOnly', 'deadLetters', 'audit', 'consular', 'euFeed'];

/** An element's text, as the page reads it. */
const textOf = (element: unknown): string => (element as { textContent: string | null }).textContent ?? '';

/** A figure's text as a number ("1,234" → 1234); NaN for words (the audit status). */
const numeric = (text: string): number => Number(text.replace(/,/g, ''));

const SEED = 4711;
const SCALE = 1;

/**
 * What the chain must decide for each story, from the rules as the IND, UWV, RVO and the consular posts ship them
 * (DOMAIN.md and the reference files), written down here and not taken from the demo's output.
 */
const EXPECTED: Record<DemoStory, [category: string, outcome: string]> = {
  LEIDEN_STUDENT: ['STUDENT', 'PERMIT_ISSUED'],
  LEIDEN_STUDENT_LATE_PROOFS: ['STUDENT', 'PERMIT_ISSUED'],
  LEIDEN_STUDENT_PART_TIME: ['STUDENT', 'REFUSED:PROGRAMME_NOT_FULL_TIME'],
  // Granted on the enrolment, then the deregistration revokes it and the IND withdraws the grant.
  LEIDEN_STUDENT_DEREGISTERED: ['STUDENT', 'REFUSED:ENROLMENT_NOT_ACTIVE'],
  // A report after the permit is recorded; it changes no status.
  LEIDEN_STUDENT_DUTY_TO_NOTIFY: ['STUDENT', 'PERMIT_ISSUED'],
  DELFT_STUDENT: ['STUDENT', 'PERMIT_ISSUED'],
  LEIDEN_RESEARCHER: ['RESEARCHER', 'PERMIT_ISSUED'],
  LEIDEN_RESEARCHER_LATE_PROOFS: ['RESEARCHER', 'PERMIT_ISSUED'],
  // Nothing to decide on yet: the IND waits for the hosting agreement, and the case is open when the demo ends.
  LEIDEN_RESEARCHER_AWAITING_AGREEMENT: ['RESEARCHER', 'EVIDENCE_PENDING:HOSTING_AGREEMENT_MISSING'],
  DELFT_RESEARCHER: ['RESEARCHER', 'PERMIT_ISSUED'],
  HSM: ['HIGHLY_SKILLED_MIGRANT', 'PERMIT_ISSUED'],
  HSM_LATE_WAGE: ['HIGHLY_SKILLED_MIGRANT', 'PERMIT_ISSUED'],
  HSM_BELOW_CRITERION: ['HIGHLY_SKILLED_MIGRANT', 'REFUSED:SALARY_BELOW_CRITERION'],
  HSM_UNRECOGNISED_SPONSOR: ['HIGHLY_SKILLED_MIGRANT', 'REFUSED:SPONSOR_NOT_RECOGNISED'],
  HSM_WITH_FAMILY: ['HIGHLY_SKILLED_MIGRANT', 'PERMIT_ISSUED'],
  FAMILY_PARTNER: ['FAMILY_MEMBER', 'PERMIT_ISSUED'],
  FAMILY_CHILD: ['FAMILY_MEMBER', 'PERMIT_ISSUED'],
  FOUNDER: ['START_UP', 'PERMIT_ISSUED'],
  FOUNDER_MAJORITY_FACILITATOR: ['START_UP', 'REFUSED:START_UP_ADVICE_NEGATIVE'],
  MVV_STUDENT: ['STUDENT', 'PERMIT_ISSUED'],
  // Issued, never used: past the 90 days of the posts' rehearsal clock the leg lapses and the IND ends the case.
  MVV_STUDENT_NEVER_ENTERS: ['STUDENT', 'EXPIRED:MVV_NO_ENTRY_WITHIN_90_DAYS'],
  SELF_EMPLOYED: ['SELF_EMPLOYED', 'PERMIT_ISSUED'],
  SELF_EMPLOYED_BELOW_THRESHOLD: ['SELF_EMPLOYED', 'REFUSED:POINTS_BELOW_THRESHOLD'],
};

/** The test's own count: the seed's cohort (who has which story) through the table above. */
function expectedDecisions(): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const person of planDemo({ seed: SEED, scale: SCALE })) {
    const [category, outcome] = EXPECTED[person.story];
    const row = (table[category] ??= {});
    row[outcome] = (row[outcome] ?? 0) + 1;
  }
  return table;
}

/**
 * Issue 16: `npm run demo` against every service `npm start` runs, on the shipped configuration (the same list the
 * start script uses, scripts/start-services.ts), over real Kafka, PostgreSQL and mTLS. The demo plays the parties'
 * back offices and one operator; its decisions per category must be the ones the rules call for.
 */
describe('npm run demo against the chain as npm start runs it, and the operations console on its data', () => {
  const run = serviceRun('demo');
  const services = new Map<string, ServiceUnderTest>();
  let summary: DemoSummary;
  let demoStartedAt: Date;
  const log: string[] = [];

  beforeAll(async () => {
    await startShippedSystem(run, services);
    demoStartedAt = new Date();
    summary = await runDemo({
      seed: SEED,
      scale: SCALE,
      system: demoSystemOf(run, services),
      log: (line) => log.push(line),
      settleTimeoutMs: 240_000,
    });
  });

  afterAll(() => run.stop());

  it('ends with the decisions per category the rules call for, for this seed', () => {
    expect({ decisions: summary.decisions, log }).toEqual({ decisions: expectedDecisions(), log: [expect.stringMatching(/^Demo run /)] });
  });

  it('takes every MVV student through the consular leg; those who never enter see their MVV expire', () => {
    const count = (story: DemoStory) => planDemo({ seed: SEED, scale: SCALE }).filter((person) => person.story === story).length;
    expect(summary.mvv).toMatchObject({
      issued: count('MVV_STUDENT') + count('MVV_STUDENT_NEVER_ENTERS'),
      entered: count('MVV_STUDENT'),
      expired: count('MVV_STUDENT_NEVER_ENTERS'),
    });
  });

  it('counts the documents the hub did not ask again', () => {
    expect(summary.documentsNotAskedAgain.after).toBeGreaterThan(summary.documentsNotAskedAgain.before);
  });

  it('parks the poison message in the dead-letter topic with its reason, and an operator replays it', async () => {
    const letter = summary.deadLetter;
    expect(letter).toMatchObject({
      sourceTopic: TOPICS.sponsorNotification.name,
      consumerGroup: expect.stringMatching(/^ind\./) as string,
      errorClass: 'MALFORMED_ENVELOPE',
      reason: expect.stringMatching(/missing header/) as string,
      replayed: true,
    });
    // Replayed onto the source topic, where the IND read it again and (still poison) parked it again.
    const [, partition, offset] = /-> \S+\[(\d+)\]@(\d+)/.exec(letter?.replayOutput ?? '') ?? [];
    const kafka = createKafkaClient({ clientId: `demo-spec-${randomUUID()}`, ...testKafka(run.infrastructure) });
    const parkedAgain = await eventually(async () => {
      const found = (await listDeadLetters(kafka, [TOPICS.sponsorNotification.name])).filter(
        (each) =>
          each.consumerGroup === letter?.consumerGroup && each.sourcePartition === Number(partition) && each.sourceOffset === offset,
      );
      return found.length > 0 ? found : undefined;
    }, 60_000);
    expect(parkedAgain).toEqual([expect.objectContaining({ errorClass: 'MALFORMED_ENVELOPE' })]);
  });

  it('records the duty-to-notify reports and the evidence they revoked', () => {
    const reports = planDemo({ seed: SEED, scale: SCALE }).filter(
      (person) => person.story === 'LEIDEN_STUDENT_DEREGISTERED' || person.story === 'LEIDEN_STUDENT_DUTY_TO_NOTIFY',
    ).length;
    expect(summary.notificationsRecorded).toBe(reports);
    // Each report revokes the enrolment proof in the hub.
    expect(summary.evidenceRevoked).toBe(reports);
  });

  /** What a person sees of the demo's data in the operations console, in real headless Chromium. */
  describe('the operations console in a real headless browser', () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium`);
      const consoleUrl = services.get('console')?.httpAddress ?? '';
      // The console shows what the services and the backbone hold; wait until the demo has reached all of it
      // (the hub signs its audit head once a minute, when it grew).
      await eventually(async () => {
        const panels = (await (await fetch(`${consoleUrl}/api/panels`)).json()) as Record<
          string,
          { ok: boolean; data?: Record<string, unknown> }
        >;
        const data = (name: string): Record<string, unknown> => panels[name]?.data ?? {};
        const latest = (data('deadLetters').latest ?? []) as { deadLetteredAt: string }[];
        // Named, so a console that never gets there says which panel lags (and what it holds).
        const unmet = Object.entries({
          chain: (data('chain').totalCases as number) >= summary.people,
          onceOnly: (data('onceOnly').notAskedAgain as number) > 0,
          deadLetters: latest.some((entry) => new Date(entry.deadLetteredAt) >= demoStartedAt),
          audit: data('audit').status === 'ANCHORED',
          consular: (data('consular').slotsOffered as number) > 0,
        }).filter(([, met]) => !met);
        if (unmet.length === 0) return true;
        throw new Error(unmet.map(([panel]) => `${panel}: ${JSON.stringify(panels[panel]).slice(0, 400)}`).join('; '));
      }, 240_000);

      browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
      page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 2200 });
      await page.goto(`${consoleUrl}/`, { waitUntil: 'networkidle0' });
      // A string, as the page evaluates it (these specs compile without the DOM library).
      await page.waitForFunction(
        `${JSON.stringify(PANELS)}.every((name) => document.querySelector('[data-panel="' + name + '"]')?.getAttribute('data-state') === 'ready')`,
        { timeout: 60_000 },
      );
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('renders every panel with non-zero figures from the demo', async () => {
      const seen = await page.$$eval('[data-panel]', (elements) =>
        (elements as unknown as PanelElement[]).map((panel) => ({
          panel: panel.dataset.panel ?? '',
          state: panel.dataset.state ?? '',
          figures: Array.from(panel.querySelectorAll('.figure .value')).map((value) => value.textContent ?? ''),
        })),
      );
      expect(seen.map((panel: PanelSeen) => panel.panel)).toEqual(PANELS);
      for (const panel of seen) {
        expect([panel.panel, panel.state]).toEqual([panel.panel, 'ready']);
        expect([panel.panel, panel.figures.some((figure) => numeric(figure) > 0 || Number.isNaN(numeric(figure)))]).toEqual([
          panel.panel,
          true,
        ]);
        expect([panel.panel, panel.figures.filter((figure) => numeric(figure) > 0).length]).not.toEqual([panel.panel, 0]);
      }
      const figure = async (name: string): Promise<string> => page.$eval(`[data-figure="${name}"] .value`, textOf);
      expect(numeric(await figure('totalCases'))).toBeGreaterThanOrEqual(summary.people);
      expect(numeric(await figure('openCases'))).toBeGreaterThanOrEqual(
        planDemo({ seed: SEED, scale: SCALE }).filter((person) => person.story === 'LEIDEN_RESEARCHER_AWAITING_AGREEMENT').length,
      );
      expect(numeric(await figure('notAskedAgain'))).toBeGreaterThan(0);
      expect(numeric(await figure('slotsOffered'))).toBeGreaterThan(0);
      expect(await figure('auditStatus')).toBe('anchored');
    });

    it('draws the charts (the canvases hold pixels), the EU feed as published and live side by side', async () => {
      for (const chart of ['chart-stages', 'chart-flow', 'chart-deadlines', 'chart-feed-published', 'chart-feed-live']) {
        const painted = await page.$eval(`#${chart} canvas`, (element) => {
          const canvas = element as unknown as CanvasElement;
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let opaque = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) opaque += 1;
          return opaque;
        });
        expect([chart, painted > 500]).toEqual([chart, true]);
      }
    });

    it("lists the demo's poison message among the latest dead letters, with its reason", async () => {
      const rows = await page.$$eval('tr.dead-letter-entry', (elements) =>
        (elements as unknown as RowElement[]).map((row) => ({
          at: row.getAttribute('data-at') ?? '',
          cells: Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? ''),
        })),
      );
      const ours = rows.filter((row) => row.at !== '' && new Date(row.at) >= demoStartedAt);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours[0].cells[1]).toBe(summary.deadLetter?.sourceTopic);
      expect(ours[0].cells[2]).toBe('MALFORMED_ENVELOPE');
      expect(ours[0].cells[3].length).toBeGreaterThan(5);
    });

    it('verifies the audit checkpoints on demand and keeps a screenshot', async () => {
      await page.click('#verify-audit');
      await page.waitForFunction(`/verified .*: anchored/.test(document.getElementById('verify-result')?.textContent ?? '')`, {
        timeout: 60_000,
      });
      const sequence = await page.$eval('[data-checkpoint="latest signed entry"]', textOf);
      expect(Number(sequence)).toBeGreaterThan(0);

      mkdirSync(OUTPUT_DIR, { recursive: true });
      const file = `${OUTPUT_DIR}/console.png` as const;
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(10_000);
    });
  });
});
