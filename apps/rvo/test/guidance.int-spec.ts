import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { POINT_OF_ENTRY_CONTRACT, START_UP_ADVICE_CONTRACT } from '@welkom/contracts';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import {
  GuidanceStepKind,
  type PointOfEntryServiceClient,
  type StartUpAdviceServiceClient,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import { eventually, serviceRun, type ServiceUnderTest, startUpAssessment } from '@welkom/testing';

jest.setTimeout(180_000);

const REPO_ROOT = join(__dirname, '..', '..', '..');
// Debian's chromium (apt-get install chromium); puppeteer-core never downloads a browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const run = serviceRun('rvo_guidance');
const seed = Math.floor(Math.random() * 1_000_000);

function testBsn(n: number): string {
  for (let candidate = n * 10; ; candidate += 1) {
    const digits = String(candidate % 100_000_000).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(digits[i]);
    const check = sum % 11;
    if (check < 10 && digits !== '00000000') return digits + String(check);
  }
}

/** The few DOM members the page check reads (the specs compile without the DOM library). */
interface StepElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { textContent: string | null } | null;
  innerText: string;
}

interface PageStep {
  step: string;
  verified: string | null;
  evidenceType: string | null;
  heading: string;
  text: string;
}

describe('the Point of Entry guidance page in a real headless browser', () => {
  let hub: ServiceUnderTest;
  let rvo: ServiceUnderTest;
  let browser: Browser;
  let founderPseudonym: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install -y chromium`);
    hub = await run.start({
      app: 'hub',
      party: 'hub',
      env: {
        PARTY_SEED_FILE: join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json'),
        GRANT_SEED_FILE: join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json'),
        SUBJECT_PSEUDONYM_SECRET: 'integration-test-secret-0123456789abcdef',
      },
    });
    rvo = await run.start({ app: 'rvo', party: 'rvo', env: { HUB_GRPC_ADDRESS: hub.grpcAddress } });
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

    // RVO advises on the founder: the hub verifies START_UP_ASSESSMENT about them and says so on Kafka.
    const advice = await firstValueFrom(
      rvo.client<StartUpAdviceServiceClient>(START_UP_ADVICE_CONTRACT, 'rvo').assessStartUp(
        startUpAssessment({
          adviceReference: `guidance-founder-${seed}`,
          founder: { bsn: testBsn(seed) },
          assessedOn: '2026-03-02',
          innovation: { newToTheNetherlands: true, newTechnology: false, newOrganisationalApproach: false },
          interestInStartUpBasisPoints: 0,
        }),
      ),
    );
    founderPseudonym = advice.founder?.pseudonym ?? '';
    expect(founderPseudonym).toMatch(/^subj_/);
  });

  afterAll(async () => {
    await browser?.close();
    await run.stop();
  });

  async function stepsOnPage(query: string): Promise<PageStep[]> {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${rvo.httpAddress}/guidance?${query}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      return await page.$$eval('li.step', (elements) =>
        (elements as unknown as StepElement[]).map((item) => ({
          step: item.getAttribute('data-step') ?? '',
          verified: item.getAttribute('data-verified'),
          evidenceType: item.getAttribute('data-evidence-type'),
          heading: item.querySelector('h2')?.textContent ?? '',
          text: item.innerText,
        })),
      );
    } finally {
      await page.close();
    }
  }

  it('shows an Indian founder the MVV, no TWV, RVO’s advice marked as already verified with its preview, and the 90 days', async () => {
    const query = `category=PERMIT_CATEGORY_START_UP&nationality=IN&subject=${founderPseudonym}`;
    const steps = await eventually(async () => {
      const found = await stepsOnPage(query);
      return found.find((s) => s.step === 'EVIDENCE')?.verified === 'true' ? found : undefined;
    }, 60_000);
    expect(steps.map((s) => s.step)).toEqual(['MVV', 'TWV', 'EVIDENCE', 'DECISION']);
    expect(steps[0].heading).toBe('Entry visa (MVV): needed');
    expect(steps[0].text).toContain('within 3 months');
    expect(steps[1].heading).toBe('Work permit (TWV): not needed');
    expect(steps[2].evidenceType).toBe('START_UP_ASSESSMENT');
    expect(steps[2].text).toContain('Already verified — you will not be asked');
    expect(steps[2].text).toContain('Shared with IND for ADMISSION_START_UP');
    expect(steps[2].text).toContain('business plan itself stays at RVO');
    expect(steps[3].heading).toBe('IND decision within 90 days');
  });

  it('shows a US researcher no MVV and a hosting agreement that is not yet verified, and a 60-day decision', async () => {
    const steps = await stepsOnPage('category=PERMIT_CATEGORY_RESEARCHER&nationality=US');
    expect(steps.map((s) => [s.step, s.heading])).toEqual([
      ['MVV', 'Entry visa (MVV): not needed'],
      ['TWV', 'Work permit (TWV): not needed'],
      ['EVIDENCE', 'researcher hosting agreement from the research organisation'],
      ['DECISION', 'IND decision within 60 days'],
    ]);
    expect(steps[2].verified).toBe('false');
    expect(steps[2].text).not.toContain('Already verified');
  });

  it('answers the same guidance over gRPC', async () => {
    const guidance = rvo.client<PointOfEntryServiceClient>(POINT_OF_ENTRY_CONTRACT, 'university-leiden');
    const answer = await firstValueFrom(
      guidance.getGuidance({
        category: PermitCategory.PERMIT_CATEGORY_START_UP,
        nationality: 'IN',
        situations: [],
        subject: { pseudonym: founderPseudonym },
      }),
    );
    expect(answer.steps.map((s) => s.kind)).toEqual([
      GuidanceStepKind.GUIDANCE_STEP_KIND_MVV,
      GuidanceStepKind.GUIDANCE_STEP_KIND_TWV,
      GuidanceStepKind.GUIDANCE_STEP_KIND_EVIDENCE,
      GuidanceStepKind.GUIDANCE_STEP_KIND_DECISION,
    ]);
    expect(answer.steps[2]).toMatchObject({ evidenceType: 'START_UP_ASSESSMENT', alreadyVerified: true, preview: { sharedWith: 'IND' } });
    expect(answer.guidanceVersion).toBe('point-of-entry-guidance.v1');
  });

  it('refuses a bad query on the page with the fields named', async () => {
    const response = await fetch(`${rvo.httpAddress}/guidance?category=TOURIST&nationality=india`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/category[\s\S]*nationality|nationality[\s\S]*category/);
  });
});
