import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ReferenceDataError } from '@welkom/reference-data';
import { decideTogether, linkFamily, type FamilyMemberApplication, type MainApplicationForFamily } from './family-linkage.policy';
import { bundledFamilyMembersRules, parseFamilyMembersRules } from './family-members.reference';
import familyJson from '../../reference/family-members.v1.json';

const rules = bundledFamilyMembersRules();
const DELFT = '00000003270987650000';

const researcher: MainApplicationForFamily = {
  applicationRef: 'case-researcher',
  category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
  applicantRef: 'subject-researcher',
  sponsorOin: DELFT,
  receivedOn: '2026-04-01',
  decisionDeadline: '2026-05-31',
};
const partner: FamilyMemberApplication = {
  applicationRef: 'case-partner',
  relation: 'PARTNER',
  birthDate: '1990-05-01',
  receivedOn: '2026-04-01',
  decisionDeadline: '2026-06-30',
};
const child: FamilyMemberApplication = { ...partner, applicationRef: 'case-child', relation: 'MINOR_CHILD', birthDate: '2018-09-01' };

describe('family members applying together', () => {
  it('links partner and child to a researcher, who sponsors the family in person; the partner works freely', () => {
    expect(linkFamily(researcher, [partner, child], rules)).toEqual({
      links: [
        {
          memberRef: 'case-partner',
          mainRef: 'case-researcher',
          relation: 'PARTNER',
          sponsor: { kind: 'MAIN_APPLICANT', applicantRef: 'subject-researcher' },
          labourMarket: 'FREE',
        },
        {
          memberRef: 'case-child',
          mainRef: 'case-researcher',
          relation: 'MINOR_CHILD',
          sponsor: { kind: 'MAIN_APPLICANT', applicantRef: 'subject-researcher' },
          labourMarket: 'TWV_REQUIRED',
        },
      ],
      refused: [],
      groupDeadline: '2026-05-31',
      ruleVersion: 'family-members.v1',
    });
  });

  it('makes the main application’s recognised sponsor the family’s sponsor for a highly skilled migrant', () => {
    const hsm = { ...researcher, category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, decisionDeadline: '2026-06-30' };
    const linkage = linkFamily(hsm, [partner], rules);
    expect(linkage.links[0].sponsor).toEqual({ kind: 'MAIN_APPLICATION_SPONSOR', sponsorOin: DELFT });
  });

  it('decides the group by its earliest deadline, so no member’s own period is exceeded', () => {
    const earlyPartner = { ...partner, decisionDeadline: '2026-05-20' };
    expect(linkFamily(researcher, [earlyPartner], rules).groupDeadline).toBe('2026-05-20');
    expect(linkFamily(researcher, [partner], rules).groupDeadline).toBe('2026-05-31');
  });

  it.each<[string, Partial<FamilyMemberApplication>, string]>([
    ['a member filed a day later (family reunification, not applying together)', { receivedOn: '2026-04-02' }, 'NOT_APPLYING_TOGETHER'],
    ['a child turning 18 on the day of receipt', { relation: 'MINOR_CHILD', birthDate: '2008-04-01' }, 'CHILD_NOT_MINOR'],
  ])('refuses to link %s', (_case, change, reasonCode) => {
    const linkage = linkFamily(researcher, [{ ...partner, ...change }], rules);
    expect(linkage.links).toEqual([]);
    expect(linkage.refused).toEqual([{ memberRef: 'case-partner', reasonCode }]);
    expect(linkage.groupDeadline).toBe('2026-05-31');
  });

  it('links a child who is 18 tomorrow', () => {
    expect(linkFamily(researcher, [{ ...child, birthDate: '2008-04-02' }], rules).links).toHaveLength(1);
  });

  it('refuses family with a main category that brings none (a student)', () => {
    const student = { ...researcher, category: PermitCategory.PERMIT_CATEGORY_STUDENT };
    expect(linkFamily(student, [partner], rules).refused).toEqual([
      { memberRef: 'case-partner', reasonCode: 'MAIN_CATEGORY_WITHOUT_FAMILY' },
    ]);
  });

  describe('decided together', () => {
    const main = { applicationRef: 'case-researcher', outcome: 'GRANTED' } as const;

    it('decides nothing while a member is still pending', () => {
      expect(decideTogether(main, [{ applicationRef: 'case-partner', outcome: 'PENDING' }])).toEqual({ ready: false, decisions: [] });
    });

    it('decides nothing while the main application is pending', () => {
      expect(decideTogether({ ...main, outcome: 'PENDING' }, [{ applicationRef: 'case-partner', outcome: 'GRANTED' }]).ready).toBe(false);
    });

    it('grants main, partner and child together once all are ready', () => {
      expect(
        decideTogether(main, [
          { applicationRef: 'case-partner', outcome: 'GRANTED' },
          { applicationRef: 'case-child', outcome: 'GRANTED' },
        ]),
      ).toEqual({
        ready: true,
        decisions: [
          { applicationRef: 'case-researcher', outcome: 'GRANTED' },
          { applicationRef: 'case-partner', outcome: 'GRANTED' },
          { applicationRef: 'case-child', outcome: 'GRANTED' },
        ],
      });
    });

    it('refuses every member with the main application, even one still pending', () => {
      expect(decideTogether({ ...main, outcome: 'REFUSED' }, [{ applicationRef: 'case-partner', outcome: 'PENDING' }]).decisions).toEqual([
        { applicationRef: 'case-researcher', outcome: 'REFUSED' },
        { applicationRef: 'case-partner', outcome: 'REFUSED', reasonCode: 'MAIN_APPLICATION_REFUSED' },
      ]);
    });

    it('does not refuse the main application for a refused member', () => {
      expect(decideTogether(main, [{ applicationRef: 'case-partner', outcome: 'REFUSED' }]).decisions[0]).toEqual({
        applicationRef: 'case-researcher',
        outcome: 'GRANTED',
      });
    });
  });

  it('refuses a rules file listing a main category twice', () => {
    const file = JSON.parse(JSON.stringify(familyJson)) as typeof familyJson;
    file.versions[0].mainCategories.push(file.versions[0].mainCategories[0]);
    expect(() => parseFamilyMembersRules(file)).toThrow(ReferenceDataError);
  });
});
