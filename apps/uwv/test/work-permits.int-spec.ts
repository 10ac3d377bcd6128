import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { firstValueFrom, type Observable } from 'rxjs';
import { LABOUR_MARKET_ADVICE_CONTRACT, WORK_PERMIT_CONTRACT } from '@welkom/contracts';
import type { LabourMarketAdvice, LabourMarketAdviceServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/labour_market_advice';
import { LabourMarketAdviceGiven, WorkPermitTermAtRisk } from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import {
  type ApplyForWorkPermitRequest,
  WorkPermitOutcome,
  type WorkPermitServiceClient,
  WorkSituation,
} from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import { deadLetterTopicOf, TOPICS } from '@welkom/events';
import { decodeGrpcError } from '@welkom/grpc';
import { buildSignedRecord, createKafkaClient, createReliableProducer, EnvelopeSigner, readTopicToEnd } from '@welkom/messaging';
import { addCalendarDays, toTimestamp } from '@welkom/platform';
import { eventually, serviceRun, type ServiceRun, type ServiceUnderTest, testKafka } from '@welkom/testing';

jest.setTimeout(240_000);

const REPO_ROOT = join(__dirname, '..', '..', '..');
const VOORBEELD_TECH = '00000003612345670000';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh pseudonym of the hub's format (subj_ + 52 base32 characters). */
function newPseudonym(): string {
  return `subj_${[...randomBytes(51)].map((byte) => BASE32[byte % 32]).join('')}a`;
}

function call<T>(observable: Observable<T>): Promise<T> {
  return firstValueFrom(observable);
}

async function failure(observable: Observable<unknown>): Promise<ReturnType<typeof decodeGrpcError>> {
  try {
    await firstValueFrom(observable);
  } catch (error) {
    return decodeGrpcError(error as Parameters<typeof decodeGrpcError>[0]);
  }
  throw new Error('expected the call to fail');
}

const O = WorkPermitOutcome;
const W = WorkSituation;

/**
 * UWV's work permits and GVVA advice (issue 13) with hub, UWV and IND as processes over the real broker, PostgreSQL
 * and mTLS: employers apply with their own certificates, UWV judges on its reference rules (exemptions, side-job
 * hours, priority supply against the vacancy report), watches the 5-week term, and answers the IND's advice
 * requests with advice events the IND records.
 */
describe('work permits and labour-market advice at UWV', () => {
  let run: ServiceRun;
  let uwv: ServiceUnderTest;
  let ind: ServiceUnderTest;
  let today = '';
  const kafka = () => createKafkaClient({ clientId: `uwv-spec-${randomUUID()}`, ...testKafka(run.infrastructure) });
  const permitsAs = (party: string) => uwv.client<WorkPermitServiceClient>(WORK_PERMIT_CONTRACT, party);
  const adviceAs = (party: string) => ind.client<LabourMarketAdviceServiceClient>(LABOUR_MARKET_ADVICE_CONTRACT, party);
  const employer = () => permitsAs('employer-voorbeeld-tech');

  const application = (reference: string, overrides: Partial<ApplyForWorkPermitRequest> = {}): ApplyForWorkPermitRequest => ({
    applicationReference: reference,
    employee: {
      passport: {
        number: `TW${reference
          .slice(-7)
          .toUpperCase()
          .replace(/[^0-9A-Z]/g, '0')}`,
        issuingCountry: 'IN',
      },
    },
    situation: W.WORK_SITUATION_REGULAR_LABOUR,
    workStartsOn: '2027-03-01',
    hoursPerWeek: 40,
    vacancyReference: '',
    ...overrides,
  });

  async function vacancy(reference: string, reportedOn: string): Promise<void> {
    const answer = await call(employer().reportVacancy({ vacancyReference: reference, reportedOn }));
    expect(answer).toEqual({ vacancyReference: reference, reportedOn, alreadyReported: false });
  }

  async function adviceOn(applicationRef: string): Promise<LabourMarketAdvice> {
    return eventually(async () => {
      const advice = (await call(adviceAs('ind').getLabourMarketAdvice({ applicationRef }))).advice;
      return advice?.advisedOn ? advice : undefined;
    }, 60_000);
  }

  beforeAll(async () => {
    run = serviceRun('uwv-work-permits');
    const hub = await run.start({
      app: 'hub',
      party: 'hub',
      env: {
        PARTY_SEED_FILE: join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json'),
        GRANT_SEED_FILE: join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json'),
        SUBJECT_PSEUDONYM_SECRET: 'uwv-test-pseudonym-secret-0123456789abcdef',
      },
    });
    uwv = await run.start({ app: 'uwv', party: 'uwv', env: { HUB_GRPC_ADDRESS: hub.grpcAddress, TERM_WATCH_INTERVAL_MS: '300' } });
    ind = await run.start({ app: 'ind', party: 'ind', env: { HUB_GRPC_ADDRESS: hub.grpcAddress } });
  }, 240_000);

  afterAll(async () => {
    await run?.stop();
  });

  it('needs no TWV for an exempt situation and names the exemption; the same reference again returns the case', async () => {
    const first = await call(employer().applyForWorkPermit(application('hsm-1', { situation: W.WORK_SITUATION_HIGHLY_SKILLED_MIGRANT })));
    const permitCase = first.workPermitCase;
    today = permitCase?.receivedOn ?? '';
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.alreadyApplied).toBe(false);
    expect(permitCase).toMatchObject({
      outcome: O.WORK_PERMIT_OUTCOME_NOT_REQUIRED,
      reasons: [],
      decidedOn: today,
      termEndsOn: addCalendarDays(today, 35),
      ruleVersion: 'labour-market-rules.v1',
    });
    expect(permitCase?.exemptionSource).toContain('highly skilled migrants');
    const again = await call(employer().applyForWorkPermit(application('hsm-1', { situation: W.WORK_SITUATION_HIGHLY_SKILLED_MIGRANT })));
    expect(again).toEqual({ workPermitCase: permitCase, alreadyApplied: true });
  });

  it('grants a student side job of 16 h a week and refuses 20 h outside the summer months', async () => {
    const side = (reference: string, hoursPerWeek: number, workStartsOn: string) =>
      call(
        employer().applyForWorkPermit(application(reference, { situation: W.WORK_SITUATION_STUDENT_SIDE_JOB, hoursPerWeek, workStartsOn })),
      );
    expect((await side('side-16', 16, '2027-03-01')).workPermitCase).toMatchObject({ outcome: O.WORK_PERMIT_OUTCOME_GRANTED, reasons: [] });
    expect((await side('side-20', 20, '2027-03-01')).workPermitCase).toMatchObject({
      outcome: O.WORK_PERMIT_OUTCOME_REFUSED,
      reasons: ['LABOUR_MARKET_REASON_SIDE_JOB_HOURS_EXCEEDED'],
    });
    expect((await side('side-summer', 40, '2027-07-05')).workPermitCase?.outcome).toBe(O.WORK_PERMIT_OUTCOME_GRANTED);
  });

  it('checks priority supply against the vacancy report: in time, too late, not reported, supply found', async () => {
    await vacancy('vac-in-time', addCalendarDays(today, -42));
    await vacancy('vac-late', addCalendarDays(today, -10));
    await vacancy('vac-supply', addCalendarDays(today, -60));
    const apply = async (reference: string, vacancyReference: string) =>
      (await call(employer().applyForWorkPermit(application(reference, { vacancyReference })))).workPermitCase;

    const waiting = await apply('regular-ok', 'vac-in-time');
    expect(waiting).toMatchObject({ outcome: O.WORK_PERMIT_OUTCOME_PENDING, decidedOn: '' });
    expect(await apply('regular-late', 'vac-late')).toMatchObject({
      outcome: O.WORK_PERMIT_OUTCOME_REFUSED,
      reasons: ['LABOUR_MARKET_REASON_VACANCY_REPORTED_TOO_LATE'],
    });
    expect(await apply('regular-none', 'vac-never-reported')).toMatchObject({
      outcome: O.WORK_PERMIT_OUTCOME_REFUSED,
      reasons: ['LABOUR_MARKET_REASON_VACANCY_NOT_REPORTED'],
    });
    const supplied = await apply('regular-supply', 'vac-supply');
    expect(supplied?.outcome).toBe(O.WORK_PERMIT_OUTCOME_PENDING);

    // UWV's own back office records what its search found; the waiting cases are decided on it.
    const uwvOwn = permitsAs('uwv');
    expect(
      await call(uwvOwn.recordPrioritySupply({ employerOin: VOORBEELD_TECH, vacancyReference: 'vac-in-time', suitableCandidates: 0 })),
    ).toEqual({ casesDecided: 1, alreadyRecorded: false });
    expect(
      await call(uwvOwn.recordPrioritySupply({ employerOin: VOORBEELD_TECH, vacancyReference: 'vac-supply', suitableCandidates: 3 })),
    ).toEqual({ casesDecided: 1, alreadyRecorded: false });
    // The first outcome stands.
    expect(
      await call(uwvOwn.recordPrioritySupply({ employerOin: VOORBEELD_TECH, vacancyReference: 'vac-supply', suitableCandidates: 0 })),
    ).toEqual({ casesDecided: 0, alreadyRecorded: true });
    expect((await call(employer().getWorkPermitCase({ applicationReference: 'regular-ok' }))).workPermitCase).toMatchObject({
      outcome: O.WORK_PERMIT_OUTCOME_GRANTED,
      reasons: [],
      decidedOn: today,
    });
    expect((await call(employer().getWorkPermitCase({ applicationReference: 'regular-supply' }))).workPermitCase).toMatchObject({
      outcome: O.WORK_PERMIT_OUTCOME_REFUSED,
      reasons: ['LABOUR_MARKET_REASON_PRIORITY_SUPPLY_AVAILABLE'],
    });
  });

  it('refuses bad input with INVALID_ARGUMENT and a violation per field', async () => {
    const refused = await failure(
      employer().applyForWorkPermit({
        applicationReference: '',
        employee: undefined,
        situation: W.WORK_SITUATION_UNSPECIFIED,
        workStartsOn: '2027-02-30',
        hoursPerWeek: 0,
        vacancyReference: 'bad\nreference',
      }),
    );
    expect(refused.code).toBe(3);
    expect(refused.fieldViolations.map((violation) => violation.field).sort()).toEqual([
      'application_reference',
      'employee',
      'hours_per_week',
      'situation',
      'vacancy_reference',
      'work_starts_on',
    ]);
    const future = await failure(employer().reportVacancy({ vacancyReference: 'vac-future', reportedOn: addCalendarDays(today, 1) }));
    expect(future).toMatchObject({ code: 3, fieldViolations: [{ field: 'reported_on', description: 'must not be after today' }] });
  });

  it('lets only employers apply, each for itself, and only UWV record a search outcome', async () => {
    expect(await failure(permitsAs('university-leiden').applyForWorkPermit(application('uni-1')))).toMatchObject({
      code: 7,
      reason: 'NOT_AN_EMPLOYER',
    });
    expect(await failure(permitsAs('ind').reportVacancy({ vacancyReference: 'v', reportedOn: today }))).toMatchObject({
      code: 7,
      reason: 'NOT_AN_EMPLOYER',
    });
    expect(await failure(permitsAs('employer-voorbeeld-chips').getWorkPermitCase({ applicationReference: 'regular-ok' }))).toMatchObject({
      code: 5,
      reason: 'CASE_NOT_FOUND',
    });
    expect(
      await failure(employer().recordPrioritySupply({ employerOin: VOORBEELD_TECH, vacancyReference: 'vac-late', suitableCandidates: 0 })),
    ).toMatchObject({ code: 7, reason: 'NOT_OWN_BACK_OFFICE' });
  });

  it('answers the IND’s GVVA advice requests with advice events the IND records, never personal data', async () => {
    await vacancy('vac-gvva-ok', addCalendarDays(today, -42));
    await call(
      permitsAs('uwv').recordPrioritySupply({ employerOin: VOORBEELD_TECH, vacancyReference: 'vac-gvva-ok', suitableCandidates: 0 }),
    );
    await vacancy('vac-gvva-wait', addCalendarDays(today, -42));
    const ask = (applicationRef: string, situation: WorkSituation, vacancyReference: string) =>
      call(
        adviceAs('ind').requestLabourMarketAdvice({
          applicationRef,
          subjectPseudonym: newPseudonym(),
          employerOin: VOORBEELD_TECH,
          situation,
          vacancyReference,
        }),
      );
    const positive = randomUUID();
    const exempt = randomUUID();
    const late = randomUUID();
    const waiting = randomUUID();
    const requested = await ask(positive, W.WORK_SITUATION_REGULAR_LABOUR, 'vac-gvva-ok');
    expect(requested).toMatchObject({ alreadyRequested: false, advice: { applicationRef: positive, requestedOn: today, advisedOn: '' } });
    expect((await ask(positive, W.WORK_SITUATION_REGULAR_LABOUR, 'vac-gvva-ok')).alreadyRequested).toBe(true);
    await ask(exempt, W.WORK_SITUATION_EU_BLUE_CARD, '');
    await ask(late, W.WORK_SITUATION_REGULAR_LABOUR, 'vac-late');
    await ask(waiting, W.WORK_SITUATION_REGULAR_LABOUR, 'vac-gvva-wait');

    expect(await adviceOn(positive)).toMatchObject({
      outcome: 'LABOUR_MARKET_ADVICE_OUTCOME_POSITIVE',
      reasons: [],
      exempt: false,
      advisedOn: today,
      ruleVersion: 'labour-market-rules.v1',
    });
    expect(await adviceOn(exempt)).toMatchObject({ outcome: 'LABOUR_MARKET_ADVICE_OUTCOME_POSITIVE', exempt: true });
    expect(await adviceOn(late)).toMatchObject({
      outcome: 'LABOUR_MARKET_ADVICE_OUTCOME_NEGATIVE',
      reasons: ['LABOUR_MARKET_REASON_VACANCY_REPORTED_TOO_LATE'],
    });
    // Waiting on UWV's search: no advice until the outcome is recorded.
    expect((await call(adviceAs('ind').getLabourMarketAdvice({ applicationRef: waiting }))).advice?.advisedOn).toBe('');
    await call(
      permitsAs('uwv').recordPrioritySupply({ employerOin: VOORBEELD_TECH, vacancyReference: 'vac-gvva-wait', suitableCandidates: 2 }),
    );
    expect(await adviceOn(waiting)).toMatchObject({
      outcome: 'LABOUR_MARKET_ADVICE_OUTCOME_NEGATIVE',
      reasons: ['LABOUR_MARKET_REASON_PRIORITY_SUPPLY_AVAILABLE'],
    });

    // Only the IND asks; and each advice is on the topic once, with no pseudonym or identifier on it.
    expect(
      await failure(
        adviceAs('employer-voorbeeld-tech').requestLabourMarketAdvice({
          applicationRef: randomUUID(),
          subjectPseudonym: newPseudonym(),
          employerOin: VOORBEELD_TECH,
          situation: W.WORK_SITUATION_REGULAR_LABOUR,
          vacancyReference: '',
        }),
      ),
    ).toMatchObject({ code: 7, reason: 'IND_ONLY' });
    const records = await readTopicToEnd(kafka(), [TOPICS.labourMarketAdviceGiven.name], 60_000);
    const asked = new Set<string>([positive, exempt, late, waiting]);
    const ours = records.filter((record) => asked.has(LabourMarketAdviceGiven.decode(record.value ?? Buffer.alloc(0)).applicationRef));
    expect(ours).toHaveLength(4);
    for (const record of ours) expect(record.value?.toString('latin1')).not.toMatch(/subj_|TW[0-9A-Z]{7}/);
  });

  it('dead-letters an advice request UWV cannot judge, with the reason, and keeps consuming', async () => {
    const applicationRef = randomUUID();
    const record = await buildSignedRecord(
      TOPICS.labourMarketAdviceRequested,
      {
        applicationRef,
        subject: { pseudonym: newPseudonym() },
        employer: { oin: VOORBEELD_TECH, subUnit: '' },
        situation: W.WORK_SITUATION_UNSPECIFIED,
        vacancyReference: '',
        requestedOn: today,
        occurredAt: toTimestamp(new Date()),
      },
      EnvelopeSigner.fromFiles(run.infrastructure.certificates.parties.ind),
    );
    const producer = createReliableProducer(kafka());
    await producer.connect();
    try {
      await producer.send({
        topic: TOPICS.labourMarketAdviceRequested.name,
        acks: -1,
        messages: [{ key: record.key, value: record.value, headers: record.headers }],
      });
    } finally {
      await producer.disconnect();
    }
    const parked = await eventually(async () => {
      const records = await readTopicToEnd(kafka(), [deadLetterTopicOf(TOPICS.labourMarketAdviceRequested)], 30_000);
      return records.find((each) => each.key?.toString() === applicationRef);
    }, 60_000);
    expect(parked.headers['welkom-dlt-reason']?.toString()).toContain('cannot be judged');
    // The next request on the topic is still answered.
    const next = randomUUID();
    await call(
      adviceAs('ind').requestLabourMarketAdvice({
        applicationRef: next,
        subjectPseudonym: newPseudonym(),
        employerOin: VOORBEELD_TECH,
        situation: W.WORK_SITUATION_ORIENTATION_YEAR,
        vacancyReference: '',
      }),
    );
    expect(await adviceOn(next)).toMatchObject({ outcome: 'LABOUR_MARKET_ADVICE_OUTCOME_POSITIVE', exempt: true });
  });

  it('raises the 5-week at-risk event once for a case still pending inside its at-risk window', async () => {
    await vacancy('vac-slow', addCalendarDays(today, -50));
    const pending = (await call(employer().applyForWorkPermit(application('regular-slow', { vacancyReference: 'vac-slow' }))))
      .workPermitCase;
    expect(pending).toMatchObject({ outcome: O.WORK_PERMIT_OUTCOME_PENDING, termEndsOn: addCalendarDays(today, 35) });
    const caseId = pending?.caseId ?? '';
    const alertsFor = async () =>
      (await readTopicToEnd(kafka(), [TOPICS.workPermitTermAtRisk.name], 60_000))
        .map((record) => ({ record, alert: WorkPermitTermAtRisk.decode(record.value ?? Buffer.alloc(0)) }))
        .filter(({ alert }) => alert.caseId === caseId);

    // A week of the term left is not yet at risk (window: the last 7 days); 30 days on it is.
    await uwv.restart('stop', { REHEARSAL_CLOCK_OFFSET_DAYS: '27' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await alertsFor()).toHaveLength(0);
    await uwv.restart('stop', { REHEARSAL_CLOCK_OFFSET_DAYS: '30' });
    const [raised] = await eventually(async () => {
      const found = await alertsFor();
      return found.length > 0 ? found : undefined;
    }, 60_000);
    expect(raised.alert).toMatchObject({
      caseId,
      employer: { oin: VOORBEELD_TECH, subUnit: '' },
      situation: W.WORK_SITUATION_REGULAR_LABOUR,
      receivedOn: today,
      dueOn: addCalendarDays(today, 35),
      daysLeft: 5,
      checkedOn: addCalendarDays(today, 30),
      ruleVersion: 'labour-market-rules.v1',
    });
    expect(raised.record.value?.toString('latin1')).not.toContain(pending?.applicationReference ?? 'regular-slow');

    // Later rounds, and a restart a day later, raise nothing more for it.
    await uwv.restart('stop', { REHEARSAL_CLOCK_OFFSET_DAYS: '31' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await alertsFor()).toHaveLength(1);
  });
});
