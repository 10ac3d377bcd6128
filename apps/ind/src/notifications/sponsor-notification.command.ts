import type { SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { FieldViolation } from '@welkom/errors';
import { isIsoDate, type IsoDate } from '@welkom/platform';
import { IndError } from '../applications/application.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type ReportedChange = Exclude<SponsorChange, SponsorChange.SPONSOR_CHANGE_UNSPECIFIED>;

export interface SponsorNotificationCommand {
  readonly notificationId: string;
  readonly applicationRef: string;
  readonly change: ReportedChange;
  readonly factDate: IsoDate;
  readonly reportedOn: IsoDate;
  readonly revokedEvidenceIds: readonly string[];
}

const CHANGES: readonly SponsorChange[] = [
  SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
  SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS,
  SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED,
];

export function sponsorNotificationCommand(payload: SponsorNotification): SponsorNotificationCommand {
  const violations: FieldViolation[] = [];
  if (!UUID.test(payload.notificationId)) violations.push({ field: 'notification_id', description: 'must be a UUID in lower case' });
  if (!UUID.test(payload.applicationRef)) violations.push({ field: 'application_ref', description: 'must be an IND application ref (UUID)' });
  if (!CHANGES.includes(payload.change)) violations.push({ field: 'change', description: 'must name the change' });
  if (!isIsoDate(payload.factDate)) violations.push({ field: 'fact_date', description: 'must be an ISO date YYYY-MM-DD' });
  if (!isIsoDate(payload.reportedOn)) violations.push({ field: 'reported_on', description: 'must be an ISO date YYYY-MM-DD' });
  if (isIsoDate(payload.factDate) && isIsoDate(payload.reportedOn) && payload.factDate > payload.reportedOn) {
    violations.push({ field: 'fact_date', description: 'lies after reported_on' });
  }
  if (violations.length > 0) throw IndError.invalid(violations);
  return {
    notificationId: payload.notificationId,
    applicationRef: payload.applicationRef,
    change: payload.change as ReportedChange,
    factDate: payload.factDate,
    reportedOn: payload.reportedOn,
    revokedEvidenceIds: (payload.revokedEvidence ?? []).map((evidence) => evidence.evidenceId),
  };
}
