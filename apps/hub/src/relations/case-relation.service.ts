import { Inject, Injectable } from '@nestjs/common';
import { EVENT_INBOX, type EventInbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { type AuditDraft, auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { SubjectLinkRepository } from '../subjects/subject-link.repository';
import type { CaseRelationsCommand } from './case-relation.command';
import type { SponsorshipEndCommand } from './sponsor-notification.command';
import type { RelationKind } from './subject-relation';
import { SubjectRelationRepository } from './subject-relation.repository';

/**
 * The relations the IND's own signed status events establish (issue 11): the IND holds a case about the
 * person (CASE_HOLDER, what its own grants require), and the sponsor filed for that person (SPONSORSHIP, what
 * a sponsor's grants require). Only the IND may publish these events, so neither the IND's nor a sponsor's
 * word in a request is what counts. Each relation is recorded once per case, and a case that ends (withdrawn,
 * refused, expired) ends the sponsorship; every change has an audit entry the person can see.
 */
@Injectable()
export class CaseRelationService {
  constructor(
    private readonly relations: SubjectRelationRepository,
    private readonly links: SubjectLinkRepository,
    private readonly audit: AuditTrailRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
  ) {}

  async record(command: CaseRelationsCommand | null, event: ReceivedEvent<unknown>): Promise<void> {
    if (command === null) return;
    const now = this.clock.now();
    const indOin = event.envelope.sourcePartyOin;
    await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return;
      // An event may name a pseudonym that was merged into another since (identity links, leak 6).
      const subjectPseudonym = (await this.links.resolve(tx, [command.subjectPseudonym])).get(command.subjectPseudonym) as string;
      const audit: AuditDraft[] = [];
      const held: { kind: RelationKind; partyOin: string }[] = [
        { kind: 'CASE_HOLDER', partyOin: indOin },
        ...(command.sponsorOin === '' ? [] : [{ kind: 'SPONSORSHIP' as const, partyOin: command.sponsorOin }]),
      ];
      for (const { kind, partyOin } of held) {
        const created = await this.relations.record(tx, {
          id: this.ids.newId(),
          kind,
          partyOin,
          subjectPseudonym,
          caseReference: command.applicationRef,
          establishedBy: indOin,
          establishedAt: now,
          endedAt: null,
          endReason: null,
        });
        if (created)
          audit.push(
            this.entry(now, indOin, 'RELATION_ESTABLISHED', subjectPseudonym, `${kind} of ${partyOin} for case ${command.applicationRef}`),
          );
      }
      if (command.endedBy !== null) {
        const ended = await this.relations.endForCase(tx, 'SPONSORSHIP', command.applicationRef, now, command.endedBy);
        for (const relation of ended) {
          audit.push(
            this.entry(
              now,
              indOin,
              'RELATION_ENDED',
              relation.subjectPseudonym,
              `SPONSORSHIP of ${relation.partyOin} for case ${command.applicationRef}: ${command.endedBy}`,
            ),
          );
        }
      }
      if (audit.length > 0) await this.audit.append(tx, audit);
    });
  }

  /**
   * A sponsor reports that what its sponsorship rests on ended. The report can only end the signer's own
   * sponsorship of that case (it narrows the signer's own access), so the sponsor's signature is enough.
   */
  async endReportedSponsorship(command: SponsorshipEndCommand | null, event: ReceivedEvent<unknown>): Promise<void> {
    if (command === null) return;
    const now = this.clock.now();
    const sponsorOin = event.envelope.sourcePartyOin;
    await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return;
      const ended = await this.relations.endForCase(tx, 'SPONSORSHIP', command.applicationRef, now, String(command.change), sponsorOin);
      if (ended.length === 0) return;
      await this.audit.append(
        tx,
        ended.map((relation) =>
          this.entry(
            now,
            sponsorOin,
            'RELATION_ENDED',
            relation.subjectPseudonym,
            `SPONSORSHIP of ${sponsorOin} for case ${command.applicationRef}: ${command.change}`,
          ),
        ),
      );
    });
  }

  private entry(occurredAt: Date, actorOin: string, action: AuditDraft['action'], subjectPseudonym: string, reason: string): AuditDraft {
    return auditDraft({ occurredAt, actorOin, action, subjectPseudonym, reason });
  }
}
