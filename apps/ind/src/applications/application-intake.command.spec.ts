import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SalaryReferenceSituation } from '@welkom/contracts/generated/welkom/ind/v1/knowledge_migrant';
import { FamilyRelation } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { isDomainError } from '@welkom/errors';
import { applicationFiledCommand, fileApplicationCommand } from './application-intake.command';

const request = {
  sponsorReference: 'LEI-1',
  category: PermitCategory.PERMIT_CATEGORY_STUDENT,
  applicant: { passport: { number: 'ab1234567', issuingCountry: 'KE' } },
  citizenship: 'KE',
  intendedStayFrom: '2026-09-01',
  intendedStayUntil: '2028-08-31',
  collectionPoint: '',
  knowledgeMigrant: undefined,
  arrival: undefined,
  familyMember: undefined,
};

const details = {
  situation: SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_FIRST_APPLICATION,
  newContractStartsOn: '',
  birthDate: '1994-04-04',
  degreeObtainedOn: '',
  afterOrientationYear: false,
  firstHsmPermitAndEmployerChangesBefore30: false,
  researcher: false,
  contractMonths: 24,
  relevantExperienceYears: 0,
  ictProfession: false,
  ictExperienceYearsWithinWindow: 0,
};

function reasonOf(act: () => unknown): { reason?: string; fields: string[] } {
  try {
    act();
  } catch (error) {
    if (isDomainError(error)) return { reason: error.reason, fields: error.fieldViolations.map((v) => v.field) };
    throw error;
  }
  return { fields: [] };
}

describe('filing an application', () => {
  it('takes a passport, upper-cased, and fingerprints what was filed', () => {
    const command = fileApplicationCommand(request);
    expect(command.applicant).toEqual({ kind: 'passport', number: 'AB1234567', issuingCountry: 'KE' });
    expect(command.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fileApplicationCommand({ ...request, intendedStayUntil: '2028-08-30' }).fingerprint).not.toBe(command.fingerprint);
  });

  describe('where the person will be received (relocation referral facts)', () => {
    const arrival = {
      welcomeCentreCode: 'leiden-international-centre',
      municipalityOfWork: 'Leiden',
      municipalityOfResidence: '',
      expectedArrivalOn: '2026-08-20',
    };

    it('keeps the stated facts, fingerprints them, and keeps none when nothing is stated', () => {
      const command = fileApplicationCommand({ ...request, arrival });
      expect(command.arrival).toEqual(arrival);
      expect(command.fingerprint).not.toBe(fileApplicationCommand(request).fingerprint);
      expect(fileApplicationCommand(request).arrival).toBeNull();
      const empty = { welcomeCentreCode: '', municipalityOfWork: '', municipalityOfResidence: '', expectedArrivalOn: '' };
      expect(fileApplicationCommand({ ...request, arrival: empty })).toMatchObject({
        arrival: null,
        fingerprint: fileApplicationCommand(request).fingerprint,
      });
    });

    it('refuses a centre code outside the table format and a malformed arrival date', () => {
      expect(
        reasonOf(() =>
          fileApplicationCommand({ ...request, arrival: { ...arrival, welcomeCentreCode: 'Leiden IC', expectedArrivalOn: '20-08-2026' } }),
        ),
      ).toEqual({ reason: 'INVALID_REQUEST', fields: ['arrival.welcome_centre_code', 'arrival.expected_arrival_on'] });
    });
  });

  describe('a family member (issue 15)', () => {
    const main = '0b7c5a8e-2f4d-4c1a-9e3b-7d6f5a4c3b21';
    const family = {
      category: PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER,
      applicant: { passport: { number: 'CH1', issuingCountry: 'IN' } },
    };

    it('takes the link to the main application, and it changes the fingerprint', () => {
      const partner = { mainApplicationRef: main, relation: FamilyRelation.FAMILY_RELATION_PARTNER, birthDate: '1992-02-02' };
      const command = fileApplicationCommand({ ...request, ...family, familyMember: partner });
      expect(command.familyMember).toEqual({ mainApplicationRef: main, relation: 'PARTNER', birthDate: '1992-02-02' });
      const child = { ...partner, relation: FamilyRelation.FAMILY_RELATION_MINOR_CHILD };
      expect(fileApplicationCommand({ ...request, ...family, familyMember: child }).fingerprint).not.toBe(command.fingerprint);
    });

    it('requires the link for a family member and refuses it for any other category', () => {
      expect(reasonOf(() => fileApplicationCommand({ ...request, ...family }))).toEqual({
        reason: 'INVALID_REQUEST',
        fields: ['family_member'],
      });
      const link = { mainApplicationRef: main, relation: FamilyRelation.FAMILY_RELATION_PARTNER, birthDate: '1992-02-02' };
      expect(reasonOf(() => fileApplicationCommand({ ...request, familyMember: link }))).toEqual({
        reason: 'INVALID_REQUEST',
        fields: ['family_member'],
      });
    });

    it('names a malformed main reference, an unknown relation and a bad birth date', () => {
      const bad = { mainApplicationRef: 'LEI-1', relation: FamilyRelation.FAMILY_RELATION_UNSPECIFIED, birthDate: '2026-02-30' };
      expect(reasonOf(() => fileApplicationCommand({ ...request, ...family, familyMember: bad }))).toEqual({
        reason: 'INVALID_REQUEST',
        fields: ['family_member.main_application_ref', 'family_member.relation', 'family_member.birth_date'],
      });
    });
  });

  it('names every problem at once', () => {
    expect(
      reasonOf(() =>
        fileApplicationCommand({
          ...request,
          // RVO advises on essential start-up personnel; the IND does not decide it here yet.
          category: PermitCategory.PERMIT_CATEGORY_ESSENTIAL_START_UP_PERSONNEL,
          citizenship: 'Kenya',
          intendedStayFrom: '2029-01-01',
        }),
      ),
    ).toEqual({ reason: 'INVALID_REQUEST', fields: ['category', 'citizenship', 'intended_stay_until'] });
  });

  it('takes the knowledge-migrant details of an HSM filing, and they change the fingerprint', () => {
    const hsm = { ...request, category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, knowledgeMigrant: details };
    const command = fileApplicationCommand(hsm);
    expect(command.knowledgeMigrant).toEqual({
      situation: 'FIRST_APPLICATION',
      birthDate: '1994-04-04',
      afterOrientationYear: false,
      firstHsmPermitAndEmployerChangesBefore30: false,
      researcher: false,
      contractMonths: 24,
      relevantExperienceYears: 0,
      ictProfession: false,
      ictExperienceYearsWithinWindow: 0,
    });
    const older = fileApplicationCommand({ ...hsm, knowledgeMigrant: { ...details, birthDate: '1984-04-04' } });
    expect(older.fingerprint).not.toBe(command.fingerprint);
  });

  it('requires the knowledge-migrant details for HSM and Blue Card, and refuses them for study', () => {
    const hsm = { ...request, category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT };
    expect(reasonOf(() => fileApplicationCommand(hsm)).fields).toEqual(['knowledge_migrant']);
    expect(reasonOf(() => fileApplicationCommand({ ...request, knowledgeMigrant: details })).fields).toEqual(['knowledge_migrant']);
  });

  it('names each bad knowledge-migrant field: a birth date, a change of employer without its start, a Blue Card without a contract', () => {
    const blueCard = { ...request, category: PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD };
    expect(
      reasonOf(() =>
        fileApplicationCommand({
          ...blueCard,
          knowledgeMigrant: {
            ...details,
            situation: SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_CHANGE_OF_EMPLOYER,
            birthDate: '1994-02-30',
            contractMonths: 0,
          },
        }),
      ).fields.sort(),
    ).toEqual(['knowledge_migrant.birth_date', 'knowledge_migrant.contract_months', 'knowledge_migrant.new_contract_starts_on']);
  });

  it('refuses a stay that does not exist on the calendar', () => {
    expect(reasonOf(() => fileApplicationCommand({ ...request, intendedStayFrom: '2026-02-30' })).fields).toEqual(['intended_stay_from']);
  });

  it('refuses an organisation as applicant', () => {
    expect(reasonOf(() => fileApplicationCommand({ ...request, applicant: { kvkNumber: '12345678' } })).fields).toEqual([
      'applicant.kvk_number',
    ]);
  });

  it('takes a pseudonym from the event backbone', () => {
    const pseudonym = `subj_${'a'.repeat(52)}`;
    const command = applicationFiledCommand({ ...request, applicant: { pseudonym } });
    expect(command.applicant).toEqual({ kind: 'pseudonym', value: pseudonym });
  });
});
