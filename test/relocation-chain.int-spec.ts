import { randomUUID } from 'node:crypto';
import { APPLICATION_INTAKE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import type { ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ReferralBasis, RelocationReferral } from '@welkom/contracts/generated/welkom/rvo/v1/relocation';
import { type InternationalOfficeServiceClient, PushOutcome } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { envelopeFromHeaders, TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { eventually, testKafka } from '@welkom/testing';
import { call, type Chain, OIN, startChain } from '../apps/ind/test/chain-harness';

jest.setTimeout(240_000);

const RVO_OIN = '00000001823456780000';
const run = Math.floor(Math.random() * 1_000_000);
const passport = { passport: { number: `RC${String(run).padStart(7, '0')}`, issuingCountry: 'US' } };

/**
 * The relocation tool end to end (issue 15): the sponsor files with where the person will work, the IND grants
 * on the hub's evidence (shipped grants only) and says so on its status topic with those facts, RVO refers the arrival to the welcome
 * centre serving that municipality. Real Kafka, PostgreSQL and mTLS; every service its own process.
 */
describe('relocation referral from a real grant: university → IND → RVO → welcome centre', () => {
  let chain: Chain;

  beforeAll(async () => {
    chain = await startChain({ label: 'relocation', rvo: {} });
  });

  afterAll(() => chain.stop());

  it('refers the granted researcher to the Leiden International Centre, pseudonymously, signed by RVO', async () => {
    const office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    const pushed = await call(
      office.pushEvidence({
        item: {
          itemReference: `rc-hosting-${run}`,
          subject: passport,
          hostingAgreement: {
            researchOrganisationName: 'Universiteit Leiden',
            agreementReference: `HA-${run}`,
            researchTitle: 'Quantum sensing',
            startDate: '2026-09-01',
            endDate: '2028-08-31',
            meetsSalaryCriterion: true,
          },
          issuedAt: undefined,
          validUntil: undefined,
        },
      }),
    );
    expect(pushed.result?.outcome).toBe(PushOutcome.PUSH_OUTCOME_ACCEPTED);

    const intake = chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'university-leiden');
    const { receipt } = await call(
      intake.fileApplication({
        sponsorReference: `RC-${run}-${randomUUID().slice(0, 8)}`,
        category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
        applicant: passport,
        // Exempt from the MVV (DOMAIN.md §2.6): the grant is the arrival's trigger.
        citizenship: 'US',
        intendedStayFrom: '2026-09-01',
        intendedStayUntil: '2028-08-31',
        knowledgeMigrant: undefined,
        collectionPoint: '',
        familyMember: undefined,
        arrival: {
          welcomeCentreCode: '',
          municipalityOfWork: 'Leiden',
          municipalityOfResidence: 'Amsterdam',
          expectedArrivalOn: '2026-08-25',
        },
      }),
    );
    const applicationRef = receipt?.applicationRef ?? '';
    expect(applicationRef).not.toBe('');

    const kafka = createKafkaClient({ clientId: `relocation-chain-${run}`, ...testKafka() });
    const [record] = await eventually(async () => {
      const records = (await readTopicToEnd(kafka, [TOPICS.relocationReferral.name])).filter(
        (each) => each.value !== null && RelocationReferral.decode(each.value).applicationRef === applicationRef,
      );
      return records.length > 0 ? records : undefined;
    }, 150_000);
    expect(envelopeFromHeaders(record.headers).sourcePartyOin).toBe(RVO_OIN);
    const referral = RelocationReferral.decode(record.value ?? Buffer.alloc(0));
    expect(referral).toMatchObject({
      applicationRef,
      category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
      sponsor: { oin: OIN.leiden },
      arrivalDate: '2026-08-25',
      centreCode: 'leiden-international-centre',
      basis: ReferralBasis.REFERRAL_BASIS_MUNICIPALITY_OF_WORK,
      trigger: ApplicationStatus.APPLICATION_STATUS_GRANTED,
    });
    // The IND's own view of the case names the same pseudonym: the referral carries nothing else about the person.
    const { application } = await call(
      chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'ind').getApplication({ applicationRef }),
    );
    expect(referral.subject?.pseudonym).toBe(application?.subject?.pseudonym);
    expect(Buffer.from(record.value ?? '').toString('latin1')).not.toContain(passport.passport.number);
  });
});
