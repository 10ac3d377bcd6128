import { Injectable } from '@nestjs/common';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import { PartyRepository } from '../party-registry/party.repository';
import { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import { AuditChainVerifier, type AuditRecord } from './audit-chain';
import type { SubjectAccessCommand } from './audit.command';
import { AuditTrailRepository } from './audit-trail.repository';

const VERIFY_PAGE = 2_000;

export interface ChainVerification {
  intact: boolean;
  verifiedEntries: number;
  /** '0' when intact. */
  firstBrokenSequence: string;
  problem: string;
  headHash: string;
}

export interface SubjectAccess {
  subjectPseudonym: string;
  entries: (AuditRecord & { partyName: string })[];
  nextPageToken: string;
}

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditTrailRepository,
    private readonly registry: PartyRegistryService,
    private readonly parties: PartyRepository,
    private readonly subjects: SubjectPseudonymRepository,
  ) {}

  /**
   * Recomputes every hash from the first entry to the chain head, page by page. Entries appended while it
   * runs are beyond the head it read and are left for the next verification.
   */
  async verifyChain(callerOin: string): Promise<ChainVerification> {
    await this.registry.callerRecord(callerOin);
    const head = await this.audit.head();
    const verifier = new AuditChainVerifier();
    let after = '0';
    for (;;) {
      const page = await this.audit.page(after, head.sequence, VERIFY_PAGE);
      const intact = page.every((record) => verifier.check(record));
      if (!intact || page.length < VERIFY_PAGE) break;
      after = page[page.length - 1].sequence;
    }
    let broken = verifier.finish(head);
    if (!broken && BigInt(head.highestStoredSequence) > BigInt(head.sequence)) {
      broken = { sequence: (BigInt(head.sequence) + 1n).toString(), problem: 'entries exist beyond the chain head' };
    }
    return {
      intact: broken === undefined,
      verifiedEntries: verifier.verifiedEntries,
      firstBrokenSequence: broken?.sequence ?? '0',
      problem: broken?.problem ?? '',
      headHash: head.hash,
    };
  }

  /** The person's view (through the operator's portal): every entry about the subject, with party names. */
  async subjectAccess(callerOin: string, command: SubjectAccessCommand): Promise<SubjectAccess> {
    await this.registry.hubOperator(callerOin);
    const subjectPseudonym = this.subjects.pseudonymOf(command.subject);
    const page = await this.audit.pageForSubject(subjectPseudonym, command.afterSequence, command.pageSize + 1);
    const entries = page.slice(0, command.pageSize);
    const names = new Map((await this.parties.list()).map((party) => [party.oin, party.name]));
    return {
      subjectPseudonym,
      entries: entries.map((entry) => ({ ...entry, partyName: names.get(entry.actorOin) ?? '' })),
      nextPageToken: page.length > command.pageSize ? entries[entries.length - 1].sequence : '',
    };
  }
}
