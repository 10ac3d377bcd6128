import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { firstValueFrom, type Observable } from 'rxjs';
import { CONSULAR_POST_CONTRACT } from '@welkom/contracts';
import type { ConsularPostServiceClient, MvvCase } from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import { MvvExpiryReason, MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { ApplicationStatus, PermitCategory, SponsorType } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { decodeGrpcError } from '@welkom/grpc';
import { ensureDevCertificates, readDevParties } from '@welkom/infrastructure';
import { buildSignedRecord, createKafkaClient, createReliableProducer, EnvelopeSigner, readTopicToEnd } from '@welkom/messaging';
import { addCalendarDays, addCalendarMonths, toTimestamp } from '@welkom/platform';
import { eventually, serviceRun, type ServiceRun, type ServiceUnderTest, testInfrastructure, testKafka } from '@welkom/testing';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const LEIDEN = '00000003281234560000';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const STEP_KINDS = [
  'intakeOpened',
  'slotOffered',
  'appointmentBooked',
  'biometricsCaptured',
  'mvvIssued',
  'entryRecorded',
  'expired',
] as const;

/** A fresh pseudonym of the hub's format (subj_ + 52 base32 characters). */
function newPseudonym(): string {
  return `subj_${[...randomBytes(51)].map((byte) => BASE32[byte % 32]).join('')}a`;
}

function kindOf(step: MvvLegStep): string | undefined {
  return STEP_KINDS.find((kind) => step[kind] !== undefined);
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

/** Nearest-rank percentile, computed here independently of the service. */
function percentile(values: number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((percent * sorted.length) / 100) - 1)];
}

describe('the MVV leg at the consular service (real Kafka, PostgreSQL and mTLS)', () => {
  let run: ServiceRun;
  let hub: ServiceUnderTest;
  let consular: ServiceUnderTest;
  let posts: ConsularPostServiceClient;
  const kafka = (): ReturnType<typeof createKafkaClient> =>
    createKafkaClient({ clientId: `consular-spec-${randomUUID()}`, ...testKafka(run.infrastructure) });
  let producer: ReturnType<typeof createReliableProducer>;
  let today = '';

  /** The IND's status event, signed with the IND's certificate as its connector would. */
  async function indAuthorises(
    applicationRef: string,
    pseudonym: string,
    citizenship: string,
    decidedOn: string,
    status = ApplicationStatus.APPLICATION_STATUS_MVV_AUTHORISED,
    collectionPoint = '',
  ): Promise<void> {
    const record = await buildSignedRecord(
      TOPICS.applicationStatusChanged,
      {
        applicationRef,
        subject: { pseudonym },
        category: PermitCategory.PERMIT_CATEGORY_STUDENT,
        status,
        citizenship,
        sponsorType: SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
        sponsor: { oin: LEIDEN, subUnit: '' },
        submittedOn: '2026-01-05',
        decidedOn,
        reasonCode: '',
        occurredAt: toTimestamp(new Date()),
        collectionPoint,
        arrival: undefined,
      },
      EnvelopeSigner.fromFiles(run.infrastructure.certificates.parties.ind),
    );
    await producer.send({
      topic: TOPICS.applicationStatusChanged.name,
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
  }

  async function legOf(applicationRef: string, stage?: string): Promise<MvvCase> {
    return eventually(async () => {
      const leg = (await call(posts.getMvvCase({ applicationRef }))).mvvCase;
      return leg && (stage === undefined || leg.stage === stage) ? leg : undefined;
    }, 60_000);
  }

  async function stepsOf(applicationRefs: ReadonlySet<string>): Promise<Map<string, MvvLegStep[]>> {
    const records = await readTopicToEnd(kafka(), [TOPICS.mvvLegStep.name], 60_000);
    const steps = new Map<string, MvvLegStep[]>();
    for (const record of records) {
      const step = MvvLegStep.decode(record.value ?? Buffer.alloc(0));
      if (applicationRefs.has(step.applicationRef)) steps.set(step.applicationRef, [...(steps.get(step.applicationRef) ?? []), step]);
    }
    return steps;
  }

  /** The back office as one post calls it: with that post's own certificate (the post code in its OU). */
  function atPost(post: string): ConsularPostServiceClient {
    return consular.client<ConsularPostServiceClient>(CONSULAR_POST_CONTRACT, `consular.${post}`);
  }

  beforeAll(async () => {
    // A certificate of the dev CA for the consular party with a post the party list does not have.
    const consularParty = readDevParties().find((party) => party.key === 'consular');
    if (!consularParty) throw new Error('deploy/parties/dev-parties.json has no consular party');
    const certificatesDir = dirname(testInfrastructure().certificates.caCertificatePath);
    const unlisted = await ensureDevCertificates(certificatesDir, [{ ...consularParty, subUnits: ['atlantis'] }]);
    run = serviceRun('consular-leg', { extraParties: { 'consular.atlantis': unlisted.parties['consular.atlantis'] } });
    hub = await run.start({
      app: 'hub',
      party: 'hub',
      env: {
        PARTY_SEED_FILE: join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json'),
        GRANT_SEED_FILE: join(REPO_ROOT, 'deploy', 'hub', 'dev-grants.v1.json'),
        SUBJECT_PSEUDONYM_SECRET: 'consular-test-pseudonym-secret-0123456789abcdef',
      },
    });
    consular = await run.start({
      app: 'consular',
      party: 'consular',
      env: { HUB_GRPC_ADDRESS: hub.grpcAddress, EXPIRY_SWEEP_INTERVAL_MS: '300' },
    });
    posts = consular.client<ConsularPostServiceClient>(CONSULAR_POST_CONTRACT, 'consular');
    producer = createReliableProducer(kafka());
    await producer.connect();
    // The service's own today: an authorisation without a decision date opens the leg on the day it arrives.
    const probe = randomUUID();
    await indAuthorises(probe, newPseudonym(), 'KE', '');
    today = (await legOf(probe, 'INTAKE_OPEN')).notifiedOn;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await run?.stop();
  });

  it('opens the leg from the IND’s authorisation and runs it to entry; the sticker number never leaves the post', async () => {
    const applicationRef = randomUUID();
    // The application named the expat centre in Amsterdam (IND desk) as where the residence document is collected.
    await indAuthorises(applicationRef, newPseudonym(), 'KE', today, ApplicationStatus.APPLICATION_STATUS_MVV_AUTHORISED, 'in-amsterdam');
    expect(await legOf(applicationRef, 'INTAKE_OPEN')).toMatchObject({
      notifiedOn: today,
      appearBy: addCalendarMonths(today, 3),
      collectionPoint: 'in-amsterdam',
    });

    const offered = (await call(posts.offerSlot({ applicationRef, chosenPost: 'nairobi', residenceCountry: 'KE' }))).mvvCase;
    expect(offered).toMatchObject({ stage: 'SLOT_OFFERED', chosenPost: 'nairobi', post: 'nairobi', reroutes: [] });
    // Booking is the post's act: another post's certificate, or the party's own, cannot book it.
    expect(await failure(atPost('new-delhi').bookAppointment({ applicationRef }))).toMatchObject({
      code: 7,
      reason: 'NOT_THE_APPOINTMENT_POST',
    });
    expect(await failure(posts.bookAppointment({ applicationRef }))).toMatchObject({ code: 7, reason: 'NOT_A_POST_CERTIFICATE' });
    expect((await call(atPost('nairobi').bookAppointment({ applicationRef }))).mvvCase?.stage).toBe('APPOINTMENT_BOOKED');
    // Only the post holding the appointment takes the biometrics: the certificate says which post calls, and a
    // post field naming the right post does not make another post's certificate that post.
    expect(await failure(atPost('new-delhi').recordBiometrics({ applicationRef, post: 'nairobi' }))).toMatchObject({
      code: 7,
      reason: 'NOT_THE_APPOINTMENT_POST',
    });
    expect(await failure(posts.recordBiometrics({ applicationRef, post: 'nairobi' }))).toMatchObject({
      code: 7,
      reason: 'NOT_A_POST_CERTIFICATE',
    });
    const captured = (await call(atPost('nairobi').recordBiometrics({ applicationRef, post: '' }))).mvvCase;
    expect(captured?.stage).toBe('BIOMETRICS_CAPTURED');
    // A retried capture changes nothing and issues nothing twice.
    expect((await call(atPost('nairobi').recordBiometrics({ applicationRef, post: 'nairobi' }))).mvvCase?.stage).toBe(
      'BIOMETRICS_CAPTURED',
    );
    expect(await failure(atPost('new-delhi').issueMvv({ applicationRef, visaStickerNumber: 'NLD7654321', post: '' }))).toMatchObject({
      code: 7,
      reason: 'NOT_THE_APPOINTMENT_POST',
    });
    const issued = (await call(atPost('nairobi').issueMvv({ applicationRef, visaStickerNumber: 'NLD7654321', post: '' }))).mvvCase;
    expect(issued).toMatchObject({ stage: 'MVV_ISSUED', issuedOn: today, enterBy: addCalendarDays(today, 90) });
    expect((await call(posts.recordEntry({ applicationRef }))).mvvCase).toMatchObject({ stage: 'ENTERED', enteredOn: today });

    const steps = await eventually(async () => {
      const all = (await stepsOf(new Set([applicationRef]))).get(applicationRef) ?? [];
      return all.length >= 6 ? all : undefined;
    }, 60_000);
    expect(steps.map(kindOf)).toEqual([
      'intakeOpened',
      'slotOffered',
      'appointmentBooked',
      'biometricsCaptured',
      'mvvIssued',
      'entryRecorded',
    ]);
    expect(steps[3].biometricsCaptured).toMatchObject({ post: 'nairobi', capturedOn: today });
    // The post tells the arrival where to collect the residence document.
    expect(steps[4].mvvIssued).toEqual({
      post: 'nairobi',
      issuedOn: today,
      enterBy: addCalendarDays(today, 90),
      collectionPoint: 'in-amsterdam',
    });
    expect(steps[3].biometricsCaptured?.evidenceId).toMatch(/^[0-9a-f-]{36}$/);
    const raw = (await readTopicToEnd(kafka(), [TOPICS.mvvLegStep.name], 60_000)).map((record) => record.value?.toString('latin1') ?? '');
    expect(raw.some((value) => value.includes('NLD7654321'))).toBe(false);
  }, 120_000);

  it('pools Lagos applicants to the partner post once Lagos is full, records each reroute, and counts it in the capacity figures', async () => {
    const refs = Array.from({ length: 8 }, () => randomUUID());
    for (const applicationRef of refs) await indAuthorises(applicationRef, newPseudonym(), 'NG', today);
    const offers: MvvCase[] = [];
    for (const applicationRef of refs) {
      await legOf(applicationRef, 'INTAKE_OPEN');
      const leg = (await call(posts.offerSlot({ applicationRef, chosenPost: 'lagos', residenceCountry: 'NG' }))).mvvCase;
      if (leg) offers.push(leg);
    }
    // Lagos takes one applicant on each Tuesday and Thursday: at most 5 within its 14-day limit, so 8 must pool.
    const atLagos = offers.filter((leg) => leg.post === 'lagos');
    const pooled = offers.filter((leg) => leg.post !== 'lagos');
    expect(atLagos.length).toBeLessThanOrEqual(5);
    expect(pooled.length).toBeGreaterThanOrEqual(3);
    for (const leg of atLagos) expect(leg.reroutes).toEqual([]);
    for (const leg of pooled) expect(leg.reroutes).toEqual([{ fromPost: 'lagos', toPost: leg.post, reason: 'REROUTE_REASON_NO_CAPACITY' }]);
    expect(new Set(atLagos.map((leg) => leg.appointmentOn)).size).toBe(atLagos.length);

    // Nairobi's certificate cannot take the biometrics of a Lagos appointment, even naming Lagos in the request.
    const lagosRef = atLagos[0]?.applicationRef ?? '';
    await call(atPost('lagos').bookAppointment({ applicationRef: lagosRef }));
    for (const named of ['', 'lagos']) {
      expect(await failure(atPost('nairobi').recordBiometrics({ applicationRef: lagosRef, post: named }))).toMatchObject({
        code: 7,
        reason: 'NOT_THE_APPOINTMENT_POST',
      });
    }
    expect((await call(atPost('lagos').recordBiometrics({ applicationRef: lagosRef, post: '' }))).mvvCase?.stage).toBe(
      'BIOMETRICS_CAPTURED',
    );

    const steps = await eventually(async () => {
      const found = await stepsOf(new Set(refs));
      return refs.every((ref) => found.get(ref)?.some((step) => step.slotOffered)) ? found : undefined;
    }, 60_000);
    const waiting = refs.map((ref) => steps.get(ref)?.find((step) => step.slotOffered)?.slotOffered?.firstPostWaitingDays ?? -1);
    const capacity = (await (await fetch(`${consular.httpAddress}/capacity`)).json()) as {
      posts: { post: string; pooledToOtherPosts: number; waitingDaysP50: number; waitingDaysP90: number }[];
    };
    const lagos = capacity.posts.find((post) => post.post === 'lagos');
    expect(lagos).toMatchObject({
      pooledToOtherPosts: pooled.length,
      waitingDaysP50: percentile(
        waiting.filter((days) => days >= 0),
        50,
      ),
      waitingDaysP90: percentile(
        waiting.filter((days) => days >= 0),
        90,
      ),
    });
    const metrics = await (await fetch(`${consular.httpAddress}/metrics`)).text();
    expect(/consular_pooled_to_other_posts\{[^}]*post="lagos"[^}]*\} (\d+)/.exec(metrics)?.[1]).toBe(String(pooled.length));
  }, 180_000);

  it('lets the leg lapse when nobody appears within 3 months, and refuses the late steps', async () => {
    const applicationRef = randomUUID();
    const notifiedOn = addCalendarDays(addCalendarMonths(today, -3), -1);
    await indAuthorises(applicationRef, newPseudonym(), 'IN', notifiedOn);
    const lapsed = await legOf(applicationRef, 'EXPIRED');
    expect(lapsed).toMatchObject({
      appearBy: addCalendarMonths(notifiedOn, 3),
      expiryReason: MvvExpiryReason.MVV_EXPIRY_REASON_NO_APPEARANCE_WITHIN_3_MONTHS,
    });
    const refused = await failure(posts.offerSlot({ applicationRef, chosenPost: 'new-delhi', residenceCountry: 'IN' }));
    expect(refused).toMatchObject({ code: 9, reason: 'MVV_LEG_EXPIRED' });
    const steps = await eventually(async () => {
      const found = (await stepsOf(new Set([applicationRef]))).get(applicationRef) ?? [];
      return found.some((step) => step.expired) ? found : undefined;
    }, 60_000);
    expect(steps.find((step) => step.expired)?.expired).toEqual({
      reason: MvvExpiryReason.MVV_EXPIRY_REASON_NO_APPEARANCE_WITHIN_3_MONTHS,
      lastDay: addCalendarMonths(notifiedOn, 3),
    });
  }, 120_000);

  it('ends the leg on a change of purpose before the permit', async () => {
    const applicationRef = randomUUID();
    await indAuthorises(applicationRef, newPseudonym(), 'KE', today);
    await legOf(applicationRef, 'INTAKE_OPEN');
    expect((await call(posts.reportPurposeChange({ applicationRef }))).mvvCase).toMatchObject({
      stage: 'EXPIRED',
      expiryReason: MvvExpiryReason.MVV_EXPIRY_REASON_PURPOSE_CHANGED_BEFORE_PERMIT,
    });
  }, 60_000);

  it('stops the leg when the IND withdraws its grant, so no post takes biometrics on it', async () => {
    const applicationRef = randomUUID();
    const pseudonym = newPseudonym();
    await indAuthorises(applicationRef, pseudonym, 'KE', today);
    await legOf(applicationRef, 'INTAKE_OPEN');
    await call(posts.offerSlot({ applicationRef, chosenPost: 'nairobi', residenceCountry: 'KE' }));
    await call(atPost('nairobi').bookAppointment({ applicationRef }));
    await indAuthorises(applicationRef, pseudonym, 'KE', today, ApplicationStatus.APPLICATION_STATUS_REFUSED);
    expect(await legOf(applicationRef, 'EXPIRED')).toMatchObject({ expiryReason: MvvExpiryReason.MVV_EXPIRY_REASON_GRANT_WITHDRAWN });
    expect(await failure(atPost('nairobi').recordBiometrics({ applicationRef, post: '' }))).toMatchObject({
      code: 9,
      reason: 'MVV_LEG_EXPIRED',
    });
  }, 60_000);

  it('answers only its own back office, and names every bad field', async () => {
    const asInd = consular.client<ConsularPostServiceClient>(CONSULAR_POST_CONTRACT, 'ind');
    expect(await failure(asInd.getMvvCase({ applicationRef: randomUUID() }))).toMatchObject({ code: 7, reason: 'NOT_OWN_BACK_OFFICE' });
    // The consular party's CA-signed certificate for a post the party list does not have is no post of the service.
    const unlisted = consular.client<ConsularPostServiceClient>(CONSULAR_POST_CONTRACT, 'consular.atlantis');
    expect(await failure(unlisted.getMvvCase({ applicationRef: randomUUID() }))).toMatchObject({ code: 7, reason: 'UNKNOWN_SUB_UNIT' });
    expect(await failure(unlisted.recordBiometrics({ applicationRef: randomUUID(), post: '' }))).toMatchObject({
      code: 7,
      reason: 'UNKNOWN_SUB_UNIT',
    });
    // A listed post's certificate reaches the back office.
    expect(await failure(atPost('lagos').getMvvCase({ applicationRef: randomUUID() }))).toMatchObject({
      code: 5,
      reason: 'MVV_CASE_NOT_FOUND',
    });
    const invalid = await failure(posts.offerSlot({ applicationRef: 'not-a-uuid', chosenPost: 'Lagos Post', residenceCountry: 'Nigeria' }));
    expect(invalid.code).toBe(3);
    expect(invalid.fieldViolations.map((violation) => violation.field).sort()).toEqual([
      'application_ref',
      'chosen_post',
      'residence_country',
    ]);
    expect(await failure(posts.getMvvCase({ applicationRef: randomUUID() }))).toMatchObject({ code: 5, reason: 'MVV_CASE_NOT_FOUND' });
  }, 60_000);
});
