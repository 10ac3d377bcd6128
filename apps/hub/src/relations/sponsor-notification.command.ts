import { SponsorChange, type SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { parseRequest, uuid } from '@welkom/validation';
import { z } from 'zod';

/** A sponsor's own report that what its sponsorship of a case rests on has ended. */
export interface SponsorshipEndCommand {
  applicationRef: string;
  change: SponsorChange;
}

/**
 * The reports after which the sponsor no longer sponsors the person: the student deregistered, the hosting
 * agreement or the employment ended (DOMAIN.md §2.3). Insufficient progress and a salary below the criterion
 * are reports about a sponsorship that still runs; the IND decides what they mean.
 */
const ENDING_CHANGES: ReadonlySet<SponsorChange> = new Set([
  SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
  SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED,
  SponsorChange.SPONSOR_CHANGE_EMPLOYMENT_ENDED,
]);

const schema = z.object({ applicationRef: uuid({ description: 'must be an IND application ref (UUID)' }) });

/**
 * The end a sponsor notification states, or null when it states none. A malformed case reference is
 * INVALID_ARGUMENT (to the dead-letter topic). Only the case reference and the change are read: the rest is the
 * IND's to check.
 */
export function sponsorshipEndCommand(notification: SponsorNotification): SponsorshipEndCommand | null {
  const { applicationRef } = parseRequest(schema, notification);
  return ENDING_CHANGES.has(notification.change) ? { applicationRef, change: notification.change } : null;
}
