import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from '@welkom/infrastructure';
import { eventually, serviceRun, type ServiceUnderTest } from '@welkom/testing';
import { addressesFor, startServices } from '../scripts/start-services';
import { type ConsoleScenario, seedConsoleScenario } from './console-scenario';

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

/**
 * The operations console under every `npm start` service on the shipped configuration, with the data of
 * seedConsoleScenario, in real headless Chromium: what a person sees.
 */
describe('the operations console in a real headless browser', () => {
  const run = serviceRun('console');
  const services = new Map<string, ServiceUnderTest>();
  let browser: Browser;
  let page: Page;
  let scenario: ConsoleScenario;
  let seededAt: Date;
  let consoleUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium`);
    const secret = `console-${randomBytes(16).toString('hex')}`;
    for (const service of startServices(() => secret)) {
      services.set(
        service.name,
        await run.start({
          app: service.name,
          party: service.party,
          env: { ...service.env, ...addressesFor(service, services) },
          readyTimeoutMs: 240_000,
        }),
      );
    }
    consoleUrl = services.get('console')?.httpAddress ?? '';
    seededAt = new Date();
    scenario = await seedConsoleScenario({ run, services });

    // The console shows what the services and the backbone hold; wait until the scenario has reached all of it
    // (the hub signs its audit head once a minute, when it grew).
    await eventually(async () => {
      const panels = (await (await fetch(`${consoleUrl}/api/panels`)).json()) as Record<
        string,
        { ok: boolean; data?: Record<string, unknown> }
      >;
      const data = (name: string): Record<string, unknown> => panels[name]?.data ?? {};
      const latest = (data('deadLetters').latest ?? []) as { deadLetteredAt: string }[];
      return (data('chain').totalCases as number) >= scenario.filed &&
        (data('onceOnly').notAskedAgain as number) > 0 &&
        latest.some((entry) => new Date(entry.deadLetteredAt) >= seededAt) &&
        data('audit').status === 'ANCHORED' &&
        (data('consular').slotsOffered as number) > 0
        ? true
        : undefined;
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
    await run.stop();
  });

  it('renders every panel with non-zero figures from the scenario', async () => {
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
    expect(numeric(await figure('totalCases'))).toBeGreaterThanOrEqual(scenario.filed);
    expect(numeric(await figure('openCases'))).toBeGreaterThanOrEqual(scenario.waiting);
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

  it('lists the poison record among the latest dead letters, with its reason', async () => {
    const rows = await page.$$eval('tr.dead-letter-entry', (elements) =>
      (elements as unknown as RowElement[]).map((row) => ({
        at: row.getAttribute('data-at') ?? '',
        cells: Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? ''),
      })),
    );
    const ours = rows.filter((row) => row.at !== '' && new Date(row.at) >= seededAt);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours[0].cells[1]).toBe('welkom.ind.application-status.v1');
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
