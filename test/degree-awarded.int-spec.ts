import { EVIDENCE_EXCHANGE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { CompletionKind, type DegreeAwarded, StudyLevel } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { type InternationalOfficeServiceClient, PushOutcome } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { call, type Chain, OIN, startChain } from '../apps/ind/test/chain-harness';

jest.setTimeout(240_000);

const run = Math.floor(Math.random() * 1_000_000);
const graduate = (n: number) => ({ passport: { number: `DA${String(run + n).padStart(7, '0')}`, issuingCountry: 'IN' } });
const ORIENTATION_YEAR = {
  evidenceType: EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
  purpose: 'ADMISSION_ORIENTATION_YEAR',
  legalBasis: 'Vw 2000 art. 24a',
  explicitRequestByPerson: false,
  subUnit: '',
  responseTimeout: undefined,
  evidenceId: '',
  sourceOin: '',
  question: undefined,
};

const degree: DegreeAwarded = {
  institutionName: 'Universiteit Leiden',
  institutionBrin: '21PB',
  programmeName: 'MSc Physics',
  programmeCode: '60301',
  studyLevel: StudyLevel.STUDY_LEVEL_MASTER,
  completionKind: CompletionKind.COMPLETION_KIND_DUTCH_MASTER,
  completedOn: '2026-07-15',
  programmeMonths: 24,
};

/**
 * DEGREE_AWARDED (issue 15) with the shipped catalogue and grants: Leiden's connector pushes the degree, the IND
 * gets it from the vault for the orientation-year purpose (only the granted fields) without the university being
 * asked; for a graduate whose degree is not in the vault yet, the request waits at Leiden and Leiden's push
 * completes it.
 */
describe('DEGREE_AWARDED: pushed by the university, disclosed to the IND for the orientation year', () => {
  let chain: Chain;
  let office: InternationalOfficeServiceClient;
  let hubAsInd: EvidenceServiceClient;

  beforeAll(async () => {
    chain = await startChain({ label: 'degree-awarded' });
    office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    hubAsInd = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'ind');
  });

  afterAll(() => chain.stop());

  const push = (n: number) =>
    call(
      office.pushEvidence({
        item: {
          itemReference: `da-diploma-${run}-${n}`,
          subject: graduate(n),
          degreeAwarded: degree,
          issuedAt: undefined,
          validUntil: undefined,
        },
      }),
    );

  it('answers from the vault with the granted fields only, never the BRIN or programme code', async () => {
    const pushed = await push(1);
    expect(pushed.result?.outcome).toBe(PushOutcome.PUSH_OUTCOME_ACCEPTED);
    expect(pushed.result?.evidence?.evidenceType).toBe(EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED);

    const answer = await call(hubAsInd.requestEvidence({ ...ORIENTATION_YEAR, subject: graduate(1) }));
    expect(answer.pending ?? undefined).toBeUndefined();
    expect(answer.evidence?.issuer?.oin).toBe(OIN.leiden);
    expect([...(answer.evidence?.disclosedFields ?? [])].sort()).toEqual(
      ['completed_on', 'completion_kind', 'institution_name', 'programme_months', 'programme_name', 'study_level'].sort(),
    );
    expect(answer.evidence?.payload?.degreeAwarded).toEqual({ ...degree, institutionBrin: '', programmeCode: '' });
  });

  it('waits at Leiden for a degree not in the vault yet, and Leiden pushing it completes the request', async () => {
    const asked = await call(hubAsInd.requestEvidence({ ...ORIENTATION_YEAR, subject: graduate(2), sourceOin: OIN.leiden }));
    const requestId = asked.pending?.requestId ?? '';
    expect(requestId).not.toBe('');

    const pushed = await push(2);
    expect(pushed.result?.completedRequests).toBe(1);
    const state = await call(hubAsInd.getEvidenceRequest({ requestId }));
    expect(state.evidence?.payload?.degreeAwarded?.completedOn).toBe('2026-07-15');
    expect(state.evidence?.payload?.degreeAwarded?.programmeMonths).toBe(24);
  });
});
