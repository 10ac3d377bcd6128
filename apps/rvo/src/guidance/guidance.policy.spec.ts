import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { bundledDecisionPeriodReference } from '@welkom/reference-data';
import { guidanceFor, type Guidance, type GuidanceQuestion } from './guidance.policy';
import { bundledGuidanceReference } from './guidance.reference';

const reference = bundledGuidanceReference();
const periods = bundledDecisionPeriodReference();

const indianFounder: GuidanceQuestion = {
  category: PermitCategory.PERMIT_CATEGORY_START_UP,
  nationality: 'IN',
  situations: [],
  on: '2026-03-02',
  verifiedEvidence: new Set(['START_UP_ASSESSMENT']),
};

function steps(question: GuidanceQuestion): Guidance['steps'] {
  const guidance = guidanceFor(question, reference, periods);
  if (typeof guidance === 'string') throw new Error(guidance);
  return guidance.steps;
}

describe('Point of Entry guidance', () => {
  it('tells an Indian founder: MVV with its deadlines, no TWV, RVO’s advice already verified, a 90-day decision', () => {
    expect(steps(indianFounder)).toEqual([
      {
        kind: 'MVV',
        required: true,
        why: expect.stringContaining('need an MVV') as string,
        deadlines: [
          "Collect the MVV at the post within 3 months of the IND's notification.",
          "Enter the Netherlands within 90 days of the MVV's issue.",
        ],
      },
      { kind: 'TWV', required: false, why: expect.stringContaining('no TWV') as string },
      {
        kind: 'EVIDENCE',
        evidenceType: 'START_UP_ASSESSMENT',
        issuer: 'RVO (Netherlands Point of Entry)',
        alreadyVerified: true,
        preview: {
          sharedWith: 'IND',
          purpose: 'ADMISSION_START_UP',
          fields: ['outcome', 'assessed_on', 'facilitator_name', 'advice_reference', 'reasons'],
          why: expect.stringContaining('business plan itself stays at RVO') as string,
        },
      },
      { kind: 'DECISION', statutoryDays: 90, why: expect.any(String) as string },
    ]);
  });

  it('tells a Canadian entrepreneur: no MVV, no TWV, RVO’s points score (verified once scored), a 90-day decision', () => {
    const question = { ...indianFounder, category: PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED, nationality: 'CA' };
    expect(steps({ ...question, verifiedEvidence: new Set(['SELF_EMPLOYED_POINTS_ASSESSMENT']) })).toMatchObject([
      { kind: 'MVV', required: false },
      { kind: 'TWV', required: false },
      {
        kind: 'EVIDENCE',
        evidenceType: 'SELF_EMPLOYED_POINTS_ASSESSMENT',
        alreadyVerified: true,
        preview: { sharedWith: 'IND', purpose: 'ADMISSION_SELF_EMPLOYED', why: expect.stringContaining('business plan') as string },
      },
      { kind: 'DECISION', statutoryDays: 90 },
    ]);
    expect(steps({ ...question, verifiedEvidence: new Set() })[2]).toMatchObject({ alreadyVerified: false });
  });

  it('tells a US researcher: no MVV by nationality, hosting agreement still to come, a 60-day decision', () => {
    const result = steps({
      ...indianFounder,
      category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
      nationality: 'US',
      verifiedEvidence: new Set(),
    });
    expect(result[0]).toMatchObject({ kind: 'MVV', required: false, deadlines: [] });
    expect(result[2]).toMatchObject({ kind: 'EVIDENCE', evidenceType: 'RESEARCHER_HOSTING_AGREEMENT', alreadyVerified: false });
    expect(result[3]).toMatchObject({ kind: 'DECISION', statutoryDays: 60 });
  });

  it('lifts the MVV for a situation that exempts whatever the nationality', () => {
    expect(steps({ ...indianFounder, situations: ['SCHENGEN_PERMIT_WITH_RECOGNISED_SPONSOR'] })[0]).toMatchObject({
      kind: 'MVV',
      required: false,
      why: expect.stringContaining('another Schengen state') as string,
    });
  });

  it('does not mark evidence verified that the hub holds of another type', () => {
    const result = steps({ ...indianFounder, verifiedEvidence: new Set(['ENROLMENT_PROOF']) });
    expect(result[2]).toMatchObject({ alreadyVerified: false });
  });

  it('says which categories it does not cover, and refuses a day before its MVV list', () => {
    expect(guidanceFor({ ...indianFounder, category: PermitCategory.PERMIT_CATEGORY_STUDENT }, reference, periods)).toBe(
      'CATEGORY_NOT_COVERED',
    );
    expect(guidanceFor({ ...indianFounder, on: '2024-01-21' }, reference, periods)).toBe('NO_RULES_ON_DATE');
  });
});
