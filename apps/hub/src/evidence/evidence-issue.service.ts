import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, type ReceivedEvent } from '@welkom/messaging';
import type { Transaction } from '@welkom/persistence';
import { ClockRepository, IdRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { type AuditDraft, auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import type { EvidenceRequestRecord } from '../evidence-requests/evidence-request';
import { EvidenceRequestRepository } from '../evidence-requests/evidence-request.repository';
import { invalidRequest } from '../grants/grant.command';
import { HubError } from '../hub.errors';
import { subUnitViolation } from '../party-registry/party-roles';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import type { PartyRecord } from '../party-registry/party.repository';
import { HubMetricsRepository } from '../platform/hub-metrics.repository';
import { SubjectIdentifierRepository } from '../subjects/subject-identifier.repository';
import { SubjectLinkRepository } from '../subjects/subject-link.repository';
import { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import type { EvidenceRecord } from './evidence';
import {
  type IssueEvidenceCommand,
  issueEvidenceCommand,
  type RevokeEvidenceCommand,
  type SealedIssueCommand,
} from './evidence-issue.command';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { SealedSubjectRepository } from '../subjects/sealed-subject.repository';
import { issuerRefusal } from './evidence-issuer';
import { toEvidenceReference } from './evidence.mapper';
import { EvidenceCommitmentRepository } from './evidence-commitment.repository';
import { EvidenceRepository } from './evidence.repository';
import { evidenceValidity } from './evidence-validity';

export interface IssueOutcome {
  evidence: EvidenceRecord;
  /** The source reference was issued before; nothing changed. */
  alreadyIssued: boolean;
  completedRequests: number;
}

type Refused = { refused: HubError };

/**
 * The one answer to a revoke of evidence the caller did not issue, or that does not exist. NOT_FOUND rather
 * than PERMISSION_DENIED: a missing id must answer NOT_FOUND anyway, so denying an existing one would tell the
 * caller it exists (AIP-193: a caller who may not know whether a resource exists is told it does not).
 */
function notYourEvidence(): HubError {
  return new HubError('EVIDENCE_NOT_FOUND', 'No such evidence issued by the caller');
}

/**
 * Issuing and revoking evidence: one use case for the gRPC adapter and the Kafka consumer. The vault row,
 * the completion of pending requests, their events (outbox) and their audit entries commit together.
 */
@Injectable()
export class EvidenceIssueService {
  constructor(
    private readonly registry: PartyRegistryService,
    private readonly vault: EvidenceRepository,
    private readonly requests: EvidenceRequestRepository,
    private readonly subjectIdentifiers: SubjectIdentifierRepository,
    private readonly subjects: SubjectPseudonymRepository,
    private readonly links: SubjectLinkRepository,
    private readonly audit: AuditTrailRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    private readonly metrics: HubMetricsRepository,
    private readonly commitments: EvidenceCommitmentRepository,
    private readonly sealedSubjects: SealedSubjectRepository,
    private readonly catalogue: EvidenceCatalogue,
  ) {}

  /**
   * welkom.evidence-source.issued.v2 (issue 11, leak 5): the hub opens the identifier the source sealed for it,
   * and from there it is the same use case, with the same checks, as any other issue.
   */
  async issueSealed(callerOin: string, sealed: SealedIssueCommand, event: ReceivedEvent<unknown>): Promise<IssueOutcome> {
    const subject = this.sealedSubjects.open(sealed.sealedSubject, 'sealed_subject');
    return this.issue(callerOin, issueEvidenceCommand({ ...sealed.evidence, subject }, this.catalogue, 'sealed-event'), event);
  }

  /** `event` is set on the Kafka path: the inbox makes a redelivered event a no-op. */
  async issue(callerOin: string, command: IssueEvidenceCommand, event?: ReceivedEvent<unknown>): Promise<IssueOutcome> {
    const party = await this.registry.callerRecord(callerOin);
    const now = this.clock.now();
    // The identifier's own pseudonym, until the transaction resolves it through the person's links (leak 6).
    let subjectPseudonym = this.subjects.pseudonymOf(command.subject);
    const subUnitProblem = subUnitViolation(party, command.subUnit, 'evidence.sub_unit');
    const validity = evidenceValidity(command.entry, command.issuedAt, command.validUntil, now);
    if (subUnitProblem || 'violations' in validity) {
      throw invalidRequest([...(subUnitProblem ? [subUnitProblem] : []), ...('violations' in validity ? validity.violations : [])]);
    }
    const entry = (action: AuditDraft['action'], fields: Partial<AuditDraft> = {}): AuditDraft =>
      auditDraft({
        occurredAt: now,
        actorOin: party.oin,
        actorSubUnit: command.subUnit,
        action,
        subjectPseudonym,
        evidenceType: command.entry.type,
        ...fields,
      });

    const refusal = issuerRefusal(command.entry, party);
    if (refusal) {
      // A refused issue is recorded too: someone tried to put facts about a person into the vault.
      await this.transactions.run((tx) => this.audit.append(tx, [entry('EVIDENCE_ISSUE_REFUSED', { reason: refusal })]));
      throw new HubError(
        refusal,
        refusal === 'NOT_AUTHORITATIVE_SOURCE'
          ? `Party ${party.oin} is not an authoritative source of ${command.entry.type}`
          : `${command.entry.type} may only be issued by a recognised sponsor; party ${party.oin} is not one`,
      );
    }

    const result = await this.transactions.run(
      async (tx): Promise<{ evidence: EvidenceRecord; alreadyIssued: boolean; completed: EvidenceRequestRecord[] }> => {
        if (event && !(await this.inbox.claim(tx, event))) {
          const applied = await this.vault.findBySourceReference(tx, party.oin, command.entry.type, command.sourceReference);
          if (applied) return { evidence: applied, alreadyIssued: true, completed: [] };
        }
        subjectPseudonym = (await this.links.resolve(tx, [subjectPseudonym])).get(subjectPseudonym) ?? subjectPseudonym;
        await this.vault.lockSubjects(tx, [{ evidenceType: command.entry.type, subjectPseudonym }]);
        const existing = await this.vault.findBySourceReference(tx, party.oin, command.entry.type, command.sourceReference);
        if (existing) {
          if (existing.contentSha256 === command.payload.sha256) return { evidence: existing, alreadyIssued: true, completed: [] };
          throw new HubError(
            'SOURCE_REFERENCE_CONFLICT',
            `Source reference ${command.sourceReference} was issued before with other content; use a new reference`,
            { fieldViolations: [{ field: 'evidence.source_reference', description: 'was issued before with other content' }] },
          );
        }
        const { salt, commitment } = this.commitments.commit(command.payload.canonical);
        const evidence: EvidenceRecord = {
          id: this.ids.newId(),
          evidenceType: command.entry.type,
          subjectPseudonym,
          issuerOin: party.oin,
          issuerSubUnit: command.subUnit,
          sourceReference: command.sourceReference,
          schemaVersion: command.entry.schemaVersion,
          payload: command.payload.canonical,
          contentSha256: command.payload.sha256,
          contentCommitment: commitment,
          issuedAt: validity.issuedAt,
          verifiedAt: now,
          validUntil: validity.validUntil,
          revokedAt: null,
          revocationReason: null,
        };
        await this.vault.insert(tx, evidence, salt);
        if (command.subject.kind !== 'pseudonym') {
          await this.subjectIdentifiers.record(tx, [{ pseudonym: subjectPseudonym, sealed: this.subjects.seal(command.subject) }], now);
        }
        const completed = await this.requests.completePending(tx, {
          evidenceType: evidence.evidenceType,
          subjectPseudonym,
          evidenceId: evidence.id,
          issuerOin: party.oin,
          at: now,
        });
        await this.emitIssued(tx, party, evidence, completed, now);
        await this.audit.append(tx, [
          entry('EVIDENCE_ISSUED', { evidenceId: evidence.id }),
          ...completed.map((request) =>
            entry('EVIDENCE_REQUEST_COMPLETED', {
              evidenceId: evidence.id,
              requestId: request.id,
              grantId: request.grantId,
              purpose: request.purpose,
              legalBasis: request.legalBasis,
            }),
          ),
        ]);
        return { evidence, alreadyIssued: false, completed };
      },
    );
    // Each completed request is evidence a requester got from its source instead of from the person.
    for (const _request of result.completed) this.metrics.documentNotAskedAgain(result.evidence.evidenceType, 'source');
    return { evidence: result.evidence, alreadyIssued: result.alreadyIssued, completedRequests: result.completed.length };
  }

  async revoke(callerOin: string, command: RevokeEvidenceCommand, event?: ReceivedEvent<unknown>): Promise<EvidenceRecord> {
    const party = await this.registry.callerRecord(callerOin);
    const now = this.clock.now();
    const result = await this.transactions.run(async (tx): Promise<{ evidence: EvidenceRecord } | Refused> => {
      const claimed = event ? await this.inbox.claim(tx, event) : true;
      const evidence =
        'evidenceId' in command.target
          ? await this.vault.findById(tx, command.target.evidenceId, { forUpdate: true })
          : await this.vault.findBySourceReference(tx, party.oin, command.target.evidenceType, command.target.sourceReference, {
              forUpdate: true,
            });
      if (!evidence) return { refused: notYourEvidence() };
      // The issuer check comes before anything that depends on the row's state, so a party that is not the
      // issuer learns nothing: whether the id exists, is revoked or not, it gets the same NOT_FOUND.
      if (evidence.issuerOin !== party.oin) {
        await this.audit.append(tx, [
          auditDraft({
            occurredAt: now,
            actorOin: party.oin,
            action: 'EVIDENCE_REVOKE_REFUSED',
            reason: 'NOT_THE_ISSUER',
            subjectPseudonym: evidence.subjectPseudonym,
            evidenceType: evidence.evidenceType,
            evidenceId: evidence.id,
          }),
        ]);
        return { refused: notYourEvidence() };
      }
      if (!claimed || evidence.revokedAt !== null) return { evidence };
      const revoked: EvidenceRecord = { ...evidence, revokedAt: now, revocationReason: command.reason };
      await this.vault.markRevoked(tx, evidence.id, now, command.reason);
      await this.outbox.enqueue(tx, TOPICS.evidenceRevoked, {
        evidence: toEvidenceReference(revoked, 'holder'),
        subject: { pseudonym: revoked.subjectPseudonym },
        issuer: { oin: revoked.issuerOin, subUnit: revoked.issuerSubUnit },
        revokedAt: toTimestamp(now),
        reason: command.reason,
      });
      await this.audit.append(tx, [
        auditDraft({
          occurredAt: now,
          actorOin: party.oin,
          action: 'EVIDENCE_REVOKED',
          reason: command.reason,
          subjectPseudonym: revoked.subjectPseudonym,
          evidenceType: revoked.evidenceType,
          evidenceId: revoked.id,
        }),
      ]);
      return { evidence: revoked };
    });
    if ('refused' in result) throw result.refused;
    return result.evidence;
  }

  private async emitIssued(
    tx: Transaction,
    issuer: PartyRecord,
    evidence: EvidenceRecord,
    completed: readonly EvidenceRequestRecord[],
    now: Date,
  ): Promise<void> {
    const reference = toEvidenceReference(evidence, 'holder');
    const subject = { pseudonym: evidence.subjectPseudonym };
    await this.outbox.enqueue(tx, TOPICS.evidenceVerified, {
      evidence: reference,
      subject,
      issuer: { oin: issuer.oin, subUnit: evidence.issuerSubUnit },
      issuedAt: toTimestamp(evidence.issuedAt),
      verifiedAt: toTimestamp(evidence.verifiedAt),
      validUntil: toTimestamp(evidence.validUntil),
    });
    for (const request of completed) {
      await this.outbox.enqueue(tx, TOPICS.evidenceRequestCompleted, {
        requestId: request.id,
        evidence: reference,
        subject,
        requester: { oin: request.requesterOin, subUnit: request.requesterSubUnit },
        completedAt: toTimestamp(now),
      });
    }
  }
}
