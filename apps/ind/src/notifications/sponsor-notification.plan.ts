import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { type IsoDate, parseIsoDate } from '@welkom/platform';
import { IndError } from '../ind.errors';
import type { DecisionDraft, PlannedTransition } from '../assessment/case-assessment';
import { isOpen } from '../assessment/case-assessment';
import { transition } from '../decisions/application-lifecycle';
import type { DecisionReasonCode } from '../decisions/decision-rules';
import type { KnowledgeMigrantReason } from '../knowledge-migrants/knowledge-migrant.policy';
import type { ReportedChange, SponsorNotificationCommand } from './sponsor-notification.command';

/** The sponsor's duty to notify runs 4 weeks from the fact (DOMAIN.md §2.3, §7.4). */
export const NOTIFICATION_PERIOD_DAYS = 28;

export type NotificationEffect = 'APPLICATION_REFUSED' | 'GRANT_WITHDRAWN' | 'PERMIT_REVIEW_REQUIRED' | 'RECORDED';

const KNOWLEDGE_MIGRANTS = [PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT, PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD];

/** Which categories a change can be about, and the stable reason code of the decision rules it amounts to. */
const CHANGE_RULES: Record<
  ReportedChange,
  { categories: readonly PermitCategory[]; reasonCode: DecisionReasonCode | KnowledgeMigrantReason }
> = {
  [SponsorChange.SPONSOR_CHANGE_DEREGISTERED]: { categories: [PermitCategory.PERMIT_CATEGORY_STUDENT], reasonCode: 'ENROLMENT_NOT_ACTIVE' },
  [SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS]: {
    categories: [PermitCategory.PERMIT_CATEGORY_STUDENT],
    reasonCode: 'ENROLMENT_NOT_ACTIVE',
  },
  [SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED]: {
    categories: [PermitCategory.PERMIT_CATEGORY_RESEARCHER],
    reasonCode: 'HOSTING_AGREEMENT_NOT_VALID_FOR_PERIOD',
  },
  // Knowledge migrants (issue 13): the employer reports a salary below the criterion or the end of employment.
  [SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION]: { categories: KNOWLEDGE_MIGRANTS, reasonCode: 'SALARY_BELOW_CRITERION' },
  [SponsorChange.SPONSOR_CHANGE_EMPLOYMENT_ENDED]: { categories: KNOWLEDGE_MIGRANTS, reasonCode: 'EMPLOYMENT_ENDED' },
};

export interface NotificationPlan {
  readonly effect: NotificationEffect;
  readonly transitions: readonly PlannedTransition[];
  readonly reportedLate: boolean;
}

export function reportedLate(factDate: IsoDate, reportedOn: IsoDate): boolean {
  return (parseIsoDate(reportedOn) as number) - (parseIsoDate(factDate) as number) > NOTIFICATION_PERIOD_DAYS;
}

/**
 * What a sponsor's report does to a case. The sponsor is the authoritative source of the enrolment and the
 * hosting agreement, so a deregistration (or the end of hosting) is the fact the rules would read: an open
 * application is refused, a grant not yet followed by a permit is withdrawn (Vc B1/3.3.4, DOMAIN.md §2.2).
 * A permit already issued is outside this lifecycle: the report is recorded for a review of the permit.
 */
export function planNotification(
  status: ApplicationStatus,
  category: PermitCategory,
  command: SponsorNotificationCommand,
  context: { ruleVersion: string; sponsorRegisterVersion: string; today: IsoDate },
): NotificationPlan {
  const rule = CHANGE_RULES[command.change];
  if (!rule.categories.includes(category)) {
    throw new IndError('NOTIFICATION_NOT_APPLICABLE', `${command.change} cannot be reported about a ${category} application`, {
      fieldViolations: [{ field: 'change', description: `does not apply to ${category}` }],
    });
  }
  const late = reportedLate(command.factDate, command.reportedOn);
  const draft = (resultingStatus: ApplicationStatus): DecisionDraft => ({
    kind: 'SPONSOR_NOTIFICATION',
    resultingStatus,
    reasonCode: rule.reasonCode,
    findings: [rule.reasonCode],
    ruleVersion: context.ruleVersion,
    sponsorRegisterVersion: context.sponsorRegisterVersion,
    evidenceUsed: [],
    evidenceSetAside: [],
    decidedOn: context.today,
    sponsorNotificationId: command.notificationId,
  });
  const step = (event: PlannedTransition['event']): PlannedTransition[] => {
    const to = transition(status, event);
    return [{ event, to, reasonCode: rule.reasonCode, decision: draft(to) }];
  };
  if (isOpen(status)) return { effect: 'APPLICATION_REFUSED', transitions: step({ type: 'APPLICATION_REFUSED' }), reportedLate: late };
  if (
    [
      ApplicationStatus.APPLICATION_STATUS_GRANTED,
      ApplicationStatus.APPLICATION_STATUS_MVV_AUTHORISED,
      ApplicationStatus.APPLICATION_STATUS_BIOMETRICS_CAPTURED,
      ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED,
    ].includes(status)
  ) {
    return { effect: 'GRANT_WITHDRAWN', transitions: step({ type: 'GRANT_WITHDRAWN' }), reportedLate: late };
  }
  if (status === ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED)
    return { effect: 'PERMIT_REVIEW_REQUIRED', transitions: [], reportedLate: late };
  return { effect: 'RECORDED', transitions: [], reportedLate: late };
}
