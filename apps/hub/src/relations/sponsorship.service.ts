import { Inject, Injectable } from '@nestjs/common';
import { EVENT_INBOX, type EventInbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import type { RecordSponsorshipCommand } from './sponsorship.command';
import { SubjectRelationRepository } from './subject-relation.repository';

/**
 * Sponsorships, the relation a recognised sponsor needs to read anything about a person (issue 11, leak 4):
 * the sponsor filed an application for that person. The hub learns it from the IND's own signed status events
 * (only the IND may publish them, so a sponsor cannot claim a person it did not file for), records it once per
 * case, and writes an audit entry the person can see.
 */
@Injectable()
export class SponsorshipService {
  constructor(
    private readonly relations: SubjectRelationRepository,
    private readonly audit: AuditTrailRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
  ) {}

  async record(command: RecordSponsorshipCommand | null, event: ReceivedEvent<unknown>): Promise<void> {
    if (command === null) return;
    const now = this.clock.now();
    const establishedBy = event.envelope.sourcePartyOin;
    await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return;
      const created = await this.relations.record(tx, {
        id: this.ids.newId(),
        kind: 'SPONSORSHIP',
        partyOin: command.sponsorOin,
        subjectPseudonym: command.subjectPseudonym,
        caseReference: command.applicationRef,
        establishedBy,
        establishedAt: now,
        endedAt: null,
        endReason: null,
      });
      if (!created) return;
      await this.audit.append(tx, [
        auditDraft({
          occurredAt: now,
          actorOin: establishedBy,
          action: 'RELATION_ESTABLISHED',
          subjectPseudonym: command.subjectPseudonym,
          reason: `SPONSORSHIP of ${command.sponsorOin} for case ${command.applicationRef}`,
        }),
      ]);
    });
  }
}
