import {
  DeliveryState,
  type FileApplicationResponse,
  type ListApplicationsResponse,
  type SponsoredApplication,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { toTimestamp } from '@welkom/platform';
import type { FilingResult } from './application-filing.service';
import { pageToken } from './application-filing.command';
import type { SponsoredApplicationView } from './sponsored-application';

const DELIVERY_STATE: Record<string, DeliveryState> = {
  QUEUED: DeliveryState.DELIVERY_STATE_QUEUED,
  DELIVERED: DeliveryState.DELIVERY_STATE_DELIVERED,
  REJECTED: DeliveryState.DELIVERY_STATE_REJECTED,
};

export function toSponsoredApplication({ application, history }: SponsoredApplicationView): SponsoredApplication {
  const latest = history[history.length - 1];
  const decided = [...history].reverse().find((entry) => entry.decidedOn);
  return {
    applicationReference: application.applicationReference,
    category: application.category,
    citizenship: application.citizenship,
    intendedStayFrom: application.intendedStayFrom,
    intendedStayUntil: application.intendedStayUntil,
    deliveryState: DELIVERY_STATE[application.deliveryState] ?? DeliveryState.DELIVERY_STATE_UNSPECIFIED,
    deliveryProblem: application.deliveryProblem ?? '',
    indApplicationRef: application.indApplicationRef ?? '',
    subject: application.subjectPseudonym ? { pseudonym: application.subjectPseudonym } : undefined,
    status: latest?.status ?? 'APPLICATION_STATUS_UNSPECIFIED',
    reasonCode: latest?.reasonCode ?? '',
    submittedOn: application.submittedOn ?? latest?.submittedOn ?? '',
    decidedOn: decided?.decidedOn ?? '',
    history: history.map((entry) => ({
      status: entry.status,
      reasonCode: entry.reasonCode ?? '',
      occurredAt: toTimestamp(entry.occurredAt),
    })),
    filedAt: toTimestamp(application.filedAt),
  };
}

export function toListResponse({
  views,
  pageSize,
}: {
  views: readonly SponsoredApplicationView[];
  pageSize: number;
}): ListApplicationsResponse {
  const last = views[views.length - 1];
  return {
    applications: views.map(toSponsoredApplication),
    nextPageToken: views.length === pageSize && last ? pageToken(last.application.applicationReference) : '',
  };
}

export function toFileApplicationResponse({ view, alreadyFiled }: FilingResult): FileApplicationResponse {
  return { application: toSponsoredApplication(view), alreadyFiled };
}
