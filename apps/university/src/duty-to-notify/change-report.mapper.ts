import type { ReportChangeResponse } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { ChangeReportOutcome } from './change-report.service';
import { toRevokedReference } from './sponsor-notification';

export function toReportChangeResponse({ notification, dueBy, alreadyReported }: ChangeReportOutcome): ReportChangeResponse {
  return {
    notificationId: notification.notificationId,
    revokedEvidence: notification.revokedEvidence.map(toRevokedReference),
    reportDueBy: dueBy,
    reportedLate: notification.reportedLate,
    alreadyReported,
  };
}
