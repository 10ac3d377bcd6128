import { Inject, Injectable } from '@nestjs/common';
import { ApplicationStatus, type ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { fromTimestamp, TransactionRepository } from '@welkom/platform';
import { UNIVERSITY_PARTY_OIN } from '../university.config';
import { SponsoredApplicationRepository } from './sponsored-application.repository';

/**
 * Keeps the university's view of its applications from the IND's status events, so the office sees where
 * each student stands without asking the IND. Events about other sponsors' applications are ignored. The
 * event id is unique in the status table, which is this consumer's de-duplication (a redelivered or
 * republished event inserts nothing).
 */
@Injectable()
export class ApplicationStatusService {
  constructor(
    private readonly applications: SponsoredApplicationRepository,
    private readonly transactions: TransactionRepository,
    @Inject(UNIVERSITY_PARTY_OIN) private readonly ownOin: string,
  ) {}

  async apply(eventId: string, event: ApplicationStatusChanged): Promise<boolean> {
    if (event.sponsor?.oin !== this.ownOin || event.status === ApplicationStatus.APPLICATION_STATUS_UNSPECIFIED) return false;
    const occurredAt = fromTimestamp(event.occurredAt);
    return this.transactions.run(async (tx) => {
      const stored = await this.applications.recordStatus(tx, {
        eventId,
        indApplicationRef: event.applicationRef,
        status: event.status,
        reasonCode: event.reasonCode || null,
        submittedOn: event.submittedOn || null,
        decidedOn: event.decidedOn || null,
        subjectPseudonym: event.subject?.pseudonym || null,
        // Absent or malformed (outside the protobuf range): the epoch, as before, rather than refuse the status.
        occurredAt: occurredAt instanceof Date ? occurredAt : new Date(0),
      });
      if (stored && event.subject?.pseudonym) await this.applications.notePseudonym(tx, event.applicationRef, event.subject.pseudonym);
      return stored;
    });
  }
}
