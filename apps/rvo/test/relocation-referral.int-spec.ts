import { randomUUID } from 'node:crypto';
import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  type ArrivalFacts,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ReferralBasis, RelocationReferral } from '@welkom/contracts/generated/welkom/rvo/v1/relocation';
import { envelopeFromHeaders, TOPICS } from '@welkom/events';
import { buildSignedRecord, createKafkaClient, EnvelopeSigner, readTopicToEnd } from '@welkom/messaging';
import { eventually, serviceRun, type ServiceUnderTest, testKafka } from '@welkom/testing';

jest.setTimeout(180_000);

const RVO_OIN = '00000001823456780000';
const EMPLOYER_OIN = '00000003281234560000';
// Never called: referrals need neither the hub nor the IND's gRPC side.
const UNUSED_HUB = '127.0.0.1:9';
// A month no other spec arrives in, so the centres' counts are this spec's alone.
const MONTH = '2031-07';

const run = serviceRun('rvo_relocation');
const kafka = () => createKafkaClient({ clientId: `relocation-spec-${randomUUID()}`, ...testKafka(run.infrastructure) });
const pseudonym = () => `subj_${randomUUID().replace(/-/g, '').padEnd(52, 'a').slice(0, 52)}`;

interface Case {
  readonly ref: string;
  readonly pseudonym: string;
  readonly category: PermitCategory;
  readonly sponsorOin: string;
  readonly arrival: ArrivalFacts | undefined;
}

function statusEvent(application: Case, status: ApplicationStatus): ApplicationStatusChanged {
  return {
    applicationRef: application.ref,
    subject: { pseudonym: application.pseudonym },
    category: application.category,
    status,
    citizenship: 'IN',
    sponsorType: application.sponsorOin ? SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR : SponsorType.SPONSOR_TYPE_NONE,
    sponsor: application.sponsorOin ? { oin: application.sponsorOin, subUnit: '' } : undefined,
    submittedOn: `${MONTH}-01`,
    decidedOn: status === ApplicationStatus.APPLICATION_STATUS_SUBMITTED ? '' : `${MONTH}-03`,
    reasonCode: '',
    occurredAt: undefined,
    arrival: application.arrival,
    collectionPoint: '',
  };
}

/** Publishes as the IND does (signed with the IND's certificate); `twice` sends the same record again (a redelivery). */
async function publishAsInd(events: ApplicationStatusChanged[], twice: ApplicationStatusChanged[] = []): Promise<void> {
  const signer = EnvelopeSigner.fromFiles(run.infrastructure.certificates.parties.ind);
  const messages = [];
  for (const event of events) {
    const record = await buildSignedRecord(TOPICS.applicationStatusChanged, event, signer);
    const message = { key: record.key, value: record.value, headers: record.headers };
    messages.push(message);
    if (twice.includes(event)) messages.push(message);
  }
  const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: TOPICS.applicationStatusChanged.name, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

async function referralsFor(refs: readonly string[]): Promise<{ referral: RelocationReferral; signerOin: string }[]> {
  const records = await readTopicToEnd(kafka(), [TOPICS.relocationReferral.name]);
  return records
    .filter((record) => record.value !== null)
    .map((record) => ({
      referral: RelocationReferral.decode(record.value ?? Buffer.alloc(0)),
      signerOin: envelopeFromHeaders(record.headers).sourcePartyOin,
    }))
    .filter(({ referral }) => refs.includes(referral.applicationRef));
}

describe('relocation referral: IND status events → RVO → welcome centre referral on Kafka, counted per centre', () => {
  let rvo: ServiceUnderTest;

  beforeAll(async () => {
    rvo = await run.start({ app: 'rvo', party: 'rvo', env: { HUB_GRPC_ADDRESS: UNUSED_HUB } });
  });

  afterAll(() => run.stop());

  it('refers each arrival once to the centre the policy picks, pseudonymously, and counts it against the capacity', async () => {
    const founder: Case = {
      ref: randomUUID(),
      pseudonym: pseudonym(),
      category: PermitCategory.PERMIT_CATEGORY_START_UP,
      sponsorOin: '',
      arrival: {
        welcomeCentreCode: '',
        municipalityOfWork: 'Leiden',
        municipalityOfResidence: 'Amsterdam',
        expectedArrivalOn: `${MONTH}-20`,
      },
    };
    const migrant: Case = {
      ref: randomUUID(),
      pseudonym: pseudonym(),
      category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
      sponsorOin: EMPLOYER_OIN,
      arrival: { welcomeCentreCode: 'in-amsterdam', municipalityOfWork: 'Leiden', municipalityOfResidence: '', expectedArrivalOn: '' },
    };
    const unserved: Case = {
      ref: randomUUID(),
      pseudonym: pseudonym(),
      category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
      sponsorOin: EMPLOYER_OIN,
      arrival: { welcomeCentreCode: '', municipalityOfWork: 'Maastricht', municipalityOfResidence: 'Maastricht', expectedArrivalOn: '' },
    };
    const refused: Case = { ...founder, ref: randomUUID(), pseudonym: pseudonym() };
    const founderGranted = statusEvent(founder, ApplicationStatus.APPLICATION_STATUS_GRANTED);
    await publishAsInd(
      [
        statusEvent(founder, ApplicationStatus.APPLICATION_STATUS_SUBMITTED),
        founderGranted,
        // The MVV issued after the grant is the same arrival: no second referral.
        statusEvent(founder, ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED),
        statusEvent(migrant, ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED),
        statusEvent(unserved, ApplicationStatus.APPLICATION_STATUS_GRANTED),
        statusEvent(refused, ApplicationStatus.APPLICATION_STATUS_REFUSED),
      ],
      [founderGranted],
    );

    const refs = [founder.ref, migrant.ref, unserved.ref, refused.ref];
    // The unserved arrival is the last referable event: once RVO counted it, it has read every earlier one.
    await eventually(async () => {
      const metrics = await (await fetch(`${rvo.httpAddress}/metrics`)).text();
      return /welkom_rvo_relocation_arrivals_unserved_total\{category="PERMIT_CATEGORY_RESEARCHER",service="rvo"\} 1/.test(metrics)
        ? true
        : undefined;
    }, 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nRVO said:\n${rvo.output.slice(-60).join('\n')}`);
    });
    const referrals = await eventually(async () => {
      const found = await referralsFor(refs);
      return found.length >= 2 ? found : undefined;
    }, 60_000);

    expect(referrals.map(({ signerOin }) => signerOin)).toEqual([RVO_OIN, RVO_OIN]);
    const byRef = new Map(referrals.map(({ referral }) => [referral.applicationRef, referral]));
    expect(byRef.size).toBe(2);
    expect(byRef.get(founder.ref)).toEqual({
      referralId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      applicationRef: founder.ref,
      subject: { pseudonym: founder.pseudonym },
      category: PermitCategory.PERMIT_CATEGORY_START_UP,
      sponsor: undefined,
      arrivalDate: `${MONTH}-20`,
      centreCode: 'leiden-international-centre',
      basis: ReferralBasis.REFERRAL_BASIS_MUNICIPALITY_OF_WORK,
      centreTableVersion: 'welcome-centres.2026-1',
      trigger: ApplicationStatus.APPLICATION_STATUS_GRANTED,
      referredAt: expect.anything() as unknown,
    });
    expect(byRef.get(migrant.ref)).toMatchObject({
      subject: { pseudonym: migrant.pseudonym },
      sponsor: { oin: EMPLOYER_OIN, subUnit: '' },
      // No arrival date stated: the day of the decision.
      arrivalDate: `${MONTH}-03`,
      centreCode: 'in-amsterdam',
      basis: ReferralBasis.REFERRAL_BASIS_NAMED_IN_APPLICATION,
      trigger: ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED,
    });

    const response = await fetch(`${rvo.httpAddress}/relocation/centres?month=${MONTH}`);
    expect(response.status).toBe(200);
    const uptake = (await response.json()) as {
      month: string;
      capacityTableVersion: string;
      centres: { centreCode: string; monthlyCapacity: number | null; referred: number; remaining: number | null; overCapacity: boolean }[];
    };
    expect(uptake.month).toBe(MONTH);
    expect(uptake.capacityTableVersion).toBe('welcome-centre-capacity.dev-1');
    const centre = (code: string) => uptake.centres.find((each) => each.centreCode === code);
    expect(centre('leiden-international-centre')).toEqual({
      centreCode: 'leiden-international-centre',
      centreName: 'Leiden International Centre',
      monthlyCapacity: 80,
      referred: 1,
      remaining: 79,
      overCapacity: false,
    });
    expect(centre('in-amsterdam')).toMatchObject({ monthlyCapacity: 400, referred: 1, remaining: 399 });
    expect(uptake.centres.filter((each) => each.referred > 0)).toHaveLength(2);

    const metrics = await (await fetch(`${rvo.httpAddress}/metrics`)).text();
    expect(metrics).toContain(
      'welkom_rvo_relocation_referrals_total{centre_code="leiden-international-centre",category="PERMIT_CATEGORY_START_UP",basis="MUNICIPALITY_OF_WORK",service="rvo"} 1',
    );
    expect(metrics).toContain('welkom_rvo_welcome_centre_monthly_capacity{centre_code="leiden-international-centre",service="rvo"} 80');
    expect((await fetch(`${rvo.httpAddress}/relocation/centres?month=2031-13`)).status).toBe(400);
  });
});
