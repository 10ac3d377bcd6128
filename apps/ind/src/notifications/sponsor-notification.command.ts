import type { SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { isoDate, oneOf, parseRequest, raw, refineRequest, uuid } from '@welkom/validation';
import { z } from 'zod';
import type { IsoDate } from '@welkom/platform';

export type ReportedChange = Exclude<SponsorChange, SponsorChange.SPONSOR_CHANGE_UNSPECIFIED>;

export interface SponsorNotificationCommand {
  readonly notificationId: string;
  readonly applicationRef: string;
  readonly change: ReportedChange;
  readonly factDate: IsoDate;
  readonly reportedOn: IsoDate;
  readonly revokedEvidenceIds: readonly string[];
}

const CHANGES: readonly ReportedChange[] = [
  SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
  SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS,
  SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED,
  SponsorChange.SPONSOR_CHANGE_SALARY_BELOW_CRITERION,
  SponsorChange.SPONSOR_CHANGE_EMPLOYMENT_ENDED,
];

const notificationSchema = refineRequest(
  z.object({
    notificationId: uuid(),
    applicationRef: uuid({ description: 'must be an IND application ref (UUID)' }),
    change: oneOf(CHANGES, 'must name the change'),
    factDate: isoDate(),
    reportedOn: isoDate(),
    revokedEvidence: raw<SponsorNotification['revokedEvidence'] | null | undefined>(),
  }),
  (notification, report) => {
    const { factDate, reportedOn } = notification;
    if (factDate !== undefined && reportedOn !== undefined && factDate > reportedOn) report(['factDate'], 'lies after reported_on');
  },
);

export function sponsorNotificationCommand(payload: SponsorNotification): SponsorNotificationCommand {
  const notification = parseRequest(notificationSchema, payload);
  return {
    notificationId: notification.notificationId,
    applicationRef: notification.applicationRef,
    change: notification.change,
    factDate: notification.factDate,
    reportedOn: notification.reportedOn,
    revokedEvidenceIds: (notification.revokedEvidence ?? []).map((evidence) => evidence.evidenceId),
  };
}
