import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { addCalendarMonths } from '@welkom/platform';
import type { FamilyMembersRules, FamilyReasonCode, FamilyRelation } from './family-members.reference';

export interface MainApplicationForFamily {
  readonly applicationRef: string;
  readonly category: PermitCategory;
  /** The main applicant's pseudonymous subject reference: a researcher sponsors the family in person. */
  readonly applicantRef: string;
  readonly sponsorOin: string;
  readonly receivedOn: string;
  readonly decisionDeadline: string;
}

export interface FamilyMemberApplication {
  readonly applicationRef: string;
  readonly relation: FamilyRelation;
  readonly birthDate: string;
  readonly receivedOn: string;
  /** The member's own statutory deadline (family member category), before linking. */
  readonly decisionDeadline: string;
}

export type FamilySponsorOf =
  | { readonly kind: 'MAIN_APPLICANT'; readonly applicantRef: string }
  | { readonly kind: 'MAIN_APPLICATION_SPONSOR'; readonly sponsorOin: string };

export interface FamilyLink {
  readonly memberRef: string;
  readonly mainRef: string;
  readonly relation: FamilyRelation;
  readonly sponsor: FamilySponsorOf;
  readonly labourMarket: 'FREE' | 'TWV_REQUIRED';
}

export interface FamilyLinkage {
  readonly links: readonly FamilyLink[];
  readonly refused: readonly { readonly memberRef: string; readonly reasonCode: FamilyReasonCode }[];
  /** The day by which the linked group is decided: the earliest deadline among the main and linked members. */
  readonly groupDeadline: string;
  readonly ruleVersion: string;
}

export class FamilyRulesNotInForceError extends RangeError {
  constructor(readonly on: string) {
    super(`no family-member rules are in force on ${on}`);
  }
}

/**
 * Links family members applying together to their main application (DOMAIN.md §1.9): who sponsors them, their
 * work rights, and the one deadline the group is decided by. A member who cannot be linked is refused with a code.
 */
export function linkFamily(
  main: MainApplicationForFamily,
  members: readonly FamilyMemberApplication[],
  rules: FamilyMembersRules,
): FamilyLinkage {
  const version = rules.on(main.receivedOn);
  if (version === undefined) throw new FamilyRulesNotInForceError(main.receivedOn);
  const mainRule = version.mainCategories.find((entry) => entry.category === main.category);

  const refusalOf = (member: FamilyMemberApplication): FamilyReasonCode | undefined => {
    if (mainRule === undefined) return 'MAIN_CATEGORY_WITHOUT_FAMILY';
    if (member.receivedOn !== main.receivedOn) return 'NOT_APPLYING_TOGETHER';
    if (member.relation === 'MINOR_CHILD') {
      const comesOfAge = addCalendarMonths(member.birthDate, 12 * (version.relations.MINOR_CHILD.maxAgeOnReceipt + 1));
      if (member.receivedOn >= comesOfAge) return 'CHILD_NOT_MINOR';
    }
    return undefined;
  };

  const links: FamilyLink[] = [];
  const refused: { memberRef: string; reasonCode: FamilyReasonCode }[] = [];
  for (const member of members) {
    const reasonCode = refusalOf(member);
    if (reasonCode !== undefined || mainRule === undefined) {
      refused.push({ memberRef: member.applicationRef, reasonCode: reasonCode ?? 'MAIN_CATEGORY_WITHOUT_FAMILY' });
      continue;
    }
    links.push({
      memberRef: member.applicationRef,
      mainRef: main.applicationRef,
      relation: member.relation,
      sponsor:
        mainRule.familySponsor === 'MAIN_APPLICANT'
          ? { kind: 'MAIN_APPLICANT', applicantRef: main.applicantRef }
          : { kind: 'MAIN_APPLICATION_SPONSOR', sponsorOin: main.sponsorOin },
      labourMarket: version.relations[member.relation].labourMarket,
    });
  }
  const linkedDeadlines = members
    .filter((member) => links.some((link) => link.memberRef === member.applicationRef))
    .map((m) => m.decisionDeadline);
  const groupDeadline = [main.decisionDeadline, ...linkedDeadlines].reduce((earliest, day) => (day < earliest ? day : earliest));
  return { links, refused, groupDeadline, ruleVersion: rules.version };
}

export type LinkedOutcome = 'GRANTED' | 'REFUSED' | 'PENDING';

export interface LinkedDecision {
  readonly applicationRef: string;
  readonly outcome: 'GRANTED' | 'REFUSED';
  readonly reasonCode?: FamilyReasonCode;
}

/**
 * Decides a linked group together: nothing is decided while the main application or a member is still pending,
 * unless the main application is refused, which refuses every member with it. A refused member does not hold
 * back or refuse the main application.
 */
export function decideTogether(
  main: { readonly applicationRef: string; readonly outcome: LinkedOutcome },
  members: readonly { readonly applicationRef: string; readonly outcome: LinkedOutcome }[],
): { readonly ready: boolean; readonly decisions: readonly LinkedDecision[] } {
  if (main.outcome === 'REFUSED') {
    return {
      ready: true,
      decisions: [
        { applicationRef: main.applicationRef, outcome: 'REFUSED' },
        ...members.map(
          (member) => ({ applicationRef: member.applicationRef, outcome: 'REFUSED', reasonCode: 'MAIN_APPLICATION_REFUSED' }) as const,
        ),
      ],
    };
  }
  if (main.outcome === 'PENDING' || members.some((member) => member.outcome === 'PENDING')) return { ready: false, decisions: [] };
  return {
    ready: true,
    decisions: [main, ...members].map((application) => ({
      applicationRef: application.applicationRef,
      outcome: application.outcome === 'GRANTED' ? 'GRANTED' : 'REFUSED',
    })),
  };
}
