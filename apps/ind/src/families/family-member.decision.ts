import { ApplicationStatus, type PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import { type CategoryDecision, RULES_NOT_IN_FORCE } from '../decisions/category-decision';
import { decideTogether, linkFamily, type LinkedOutcome } from './family-linkage.policy';
import type { FamilyMembersRules } from './family-members.reference';
import type { FamilyMemberRecord } from './family-member';

/** The main application as the member's decision reads it: its filing, its statutory deadline and where it stands. */
export interface MainApplicationSnapshot {
  readonly applicationRef: string;
  readonly category: PermitCategory;
  readonly subjectPseudonym: string;
  readonly sponsorOin: string;
  readonly receivedOn: IsoDate;
  readonly decisionDeadline: IsoDate;
  readonly status: ApplicationStatus;
}

export interface FamilyMemberCase {
  readonly applicationRef: string;
  readonly receivedOn: IsoDate;
  readonly decisionDeadline: IsoDate;
  readonly link: FamilyMemberRecord;
}

const MAIN_GRANTED: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_GRANTED,
  ApplicationStatus.APPLICATION_STATUS_MVV_AUTHORISED,
  ApplicationStatus.APPLICATION_STATUS_BIOMETRICS_CAPTURED,
  ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED,
  ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED,
];
const MAIN_ENDED_WITHOUT_PERMIT: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_REFUSED,
  ApplicationStatus.APPLICATION_STATUS_WITHDRAWN,
  ApplicationStatus.APPLICATION_STATUS_EXPIRED,
];

/** The main application's outcome for the linked decision: a withdrawn or expired one brings no permit either. */
function mainOutcomeOf(status: ApplicationStatus): LinkedOutcome {
  if (MAIN_GRANTED.includes(status)) return 'GRANTED';
  return MAIN_ENDED_WITHOUT_PERMIT.includes(status) ? 'REFUSED' : 'PENDING';
}

/**
 * A family member's decision (DOMAIN.md §1.9): linked to the main application by family-members.v1.json (same day,
 * a minor child, a main category that brings family), and decided with it, granted when the main applicant is
 * granted, refused with it otherwise, waiting while it is open. The findings name the link, the family's sponsor
 * and the work rights. Pure.
 */
export function decideFamilyMember(main: MainApplicationSnapshot, member: FamilyMemberCase, rules: FamilyMembersRules): CategoryDecision {
  const base = { ruleVersion: rules.version, sponsorRegisterVersion: '', evidenceUsed: [], evidenceSetAside: [] };
  if (rules.on(main.receivedOn) === undefined) {
    return { ...base, outcome: 'INCOMPLETE', reasonCode: RULES_NOT_IN_FORCE, findings: [RULES_NOT_IN_FORCE] };
  }
  const linkage = linkFamily(
    {
      applicationRef: main.applicationRef,
      category: main.category,
      applicantRef: main.subjectPseudonym,
      sponsorOin: main.sponsorOin,
      receivedOn: main.receivedOn,
      decisionDeadline: main.decisionDeadline,
    },
    [
      {
        applicationRef: member.applicationRef,
        relation: member.link.relation,
        birthDate: member.link.birthDate,
        receivedOn: member.receivedOn,
        decisionDeadline: member.decisionDeadline,
      },
    ],
    rules,
  );
  const [refusal] = linkage.refused;
  if (refusal !== undefined) return { ...base, outcome: 'REFUSED', reasonCode: refusal.reasonCode, findings: [refusal.reasonCode] };
  const [link] = linkage.links;
  const together = decideTogether({ applicationRef: main.applicationRef, outcome: mainOutcomeOf(main.status) }, [
    { applicationRef: member.applicationRef, outcome: 'GRANTED' },
  ]);
  if (!together.ready) {
    return { ...base, outcome: 'INCOMPLETE', reasonCode: 'MAIN_APPLICATION_PENDING', findings: [`LINKED_TO:${main.applicationRef}`] };
  }
  const memberDecision = together.decisions.find((decision) => decision.applicationRef === member.applicationRef);
  const findings = [
    `LINKED_TO:${main.applicationRef}`,
    `FAMILY_SPONSOR:${link.sponsor.kind}`,
    `LABOUR_MARKET:${link.labourMarket}`,
    `GROUP_DEADLINE:${linkage.groupDeadline}`,
  ];
  if (memberDecision?.outcome === 'GRANTED') return { ...base, outcome: 'GRANTED', findings };
  const reasonCode = memberDecision?.reasonCode ?? 'MAIN_APPLICATION_REFUSED';
  return { ...base, outcome: 'REFUSED', reasonCode, findings: [reasonCode, ...findings] };
}
