import { Injectable } from '@nestjs/common';
import { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { HubError } from '../hub.errors';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import type { PartyRecord } from '../party-registry/party.repository';
import { IdentityLinkAuthorities } from './identity-link-authority.reference';
import type { LinkableKind } from './subject-link';
import { survivorOf } from './subject-link';
import type { LinkIdentifiersCommand, UnlinkIdentifierCommand } from './subject-link.command';
import { SubjectLinkRepository } from './subject-link.repository';
import { SubjectPseudonymRepository } from './subject-pseudonym.repository';

export interface LinkOutcome {
  subjectPseudonym: string;
  alreadyLinked: boolean;
  /** The pseudonym merged into the subject, when the identifier was a subject of its own before. */
  mergedPseudonym: string | null;
  linkedAt: Date;
}

export interface UnlinkOutcome {
  subjectPseudonym: string;
  unlinkedAt: Date;
}

/**
 * Identity links (issue 11, leak 6): one person, one pseudonym, whichever identifier a party knows them by.
 * A link is a fact stated by the authority for the identifier it adds (reference data), recorded with what it
 * moved, and audited under both pseudonyms in the transaction that makes it. Audit entries are never rewritten
 * (the chain is append-only): the person's view reads the merged pseudonyms' entries with the survivor's.
 */
@Injectable()
export class SubjectLinkService {
  constructor(
    private readonly registry: PartyRegistryService,
    private readonly links: SubjectLinkRepository,
    private readonly subjects: SubjectPseudonymRepository,
    private readonly authorities: IdentityLinkAuthorities,
    private readonly audit: AuditTrailRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
  ) {}

  async link(callerOin: string, command: LinkIdentifiersCommand): Promise<LinkOutcome> {
    const party = await this.registry.callerRecord(callerOin);
    this.assertAuthority(party, command.identifier.kind);
    const knownOwn = this.subjects.pseudonymOf(command.subject);
    const addedOwn = this.subjects.pseudonymOf(command.identifier);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      await this.links.lockForChange(tx);
      const resolved = await this.links.resolve(tx, [knownOwn, addedOwn]);
      const known = resolved.get(knownOwn) as string;
      const added = resolved.get(addedOwn) as string;
      if (known === added) return { subjectPseudonym: known, alreadyLinked: true, mergedPseudonym: null, linkedAt: now };
      const { survivor, absorbed } = survivorOf(known, added, await this.links.firstSeen(tx, [known, added]));
      const moved = await this.links.linkAndMerge(tx, {
        id: this.ids.newId(),
        memberPseudonym: absorbed,
        subjectPseudonym: survivor,
        identifierKind: command.identifier.kind,
        identifierPseudonym: addedOwn,
        caseReference: command.caseReference,
        linkedBy: party.oin,
        linkedAt: now,
        unlinkedBy: null,
        unlinkedAt: null,
        unlinkReason: null,
      });
      const wasKnown = moved.evidence.length + moved.requests.length + moved.relations.length + moved.links.length > 0;
      const entry = (subjectPseudonym: string, action: 'SUBJECT_IDENTIFIERS_LINKED' | 'SUBJECT_MERGED', reason: string) =>
        auditDraft({ occurredAt: now, actorOin: party.oin, action, subjectPseudonym, reason });
      const what = `${command.identifier.kind} linked for case ${command.caseReference} (${this.authorities.version})`;
      await this.audit.append(tx, [
        entry(survivor, 'SUBJECT_IDENTIFIERS_LINKED', wasKnown ? `${what}; merged ${absorbed}: ${movedText(moved)}` : what),
        // The absorbed pseudonym's own trail says where the person went.
        entry(absorbed, 'SUBJECT_MERGED', `into ${survivor}: ${movedText(moved)}`),
      ]);
      return { subjectPseudonym: survivor, alreadyLinked: false, mergedPseudonym: wasKnown ? absorbed : null, linkedAt: now };
    });
  }

  async unlink(callerOin: string, command: UnlinkIdentifierCommand): Promise<UnlinkOutcome> {
    const party = await this.registry.callerRecord(callerOin);
    this.assertAuthority(party, command.identifier.kind);
    const identifierOwn = this.subjects.pseudonymOf(command.identifier);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      await this.links.lockForChange(tx);
      const link = await this.links.findActiveForIdentifier(tx, identifierOwn);
      if (!link) throw new HubError('LINK_NOT_FOUND', `No active link adds this ${command.identifier.kind}`);
      await this.links.unlink(tx, link, party.oin, now, command.reason);
      const reason = `link of ${link.linkedAt.toISOString()} by ${link.linkedBy} ended: ${command.reason}; moved back: ${movedText(link.moved)}`;
      await this.audit.append(tx, [
        auditDraft({
          occurredAt: now,
          actorOin: party.oin,
          action: 'SUBJECT_IDENTIFIERS_UNLINKED',
          subjectPseudonym: link.subjectPseudonym,
          reason,
        }),
        auditDraft({
          occurredAt: now,
          actorOin: party.oin,
          action: 'SUBJECT_IDENTIFIERS_UNLINKED',
          subjectPseudonym: link.memberPseudonym,
          reason,
        }),
      ]);
      return { subjectPseudonym: link.memberPseudonym, unlinkedAt: now };
    });
  }

  private assertAuthority(party: PartyRecord, kind: LinkableKind): void {
    const roles = this.authorities.rolesFor(kind, this.clock.today());
    if (!party.roles.some((role) => roles.includes(role))) {
      throw new HubError(
        'NOT_LINK_AUTHORITY',
        `Party ${party.oin} is not an authority that may link a ${kind} (${this.authorities.version})`,
      );
    }
  }
}

function movedText(moved: { evidence: string[]; requests: string[]; relations: string[]; links: string[] }): string {
  return `${moved.evidence.length} evidence, ${moved.requests.length} requests, ${moved.relations.length} relations, ${moved.links.length} links`;
}
