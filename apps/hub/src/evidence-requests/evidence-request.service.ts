import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { TOPICS } from '@welkom/events';
import type { Transaction } from '@welkom/persistence';
import { ClockRepository, IdRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import { type AuditDraft, auditDraft, type AuditRecord } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import type { Disclosure } from '../catalogue/evidence-payload';
import type { EvidenceRecord } from '../evidence/evidence';
import { subjectKey } from '../evidence/evidence';
import { typesIssuableBy } from '../evidence/evidence-issuer';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { HubError } from '../hub.errors';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import { HubMetricsRepository } from '../platform/hub-metrics.repository';
import { type BatchItemResult, MicroBatcher } from '../platform/micro-batcher';
import { relationKey, relationsByPartyAndSubject } from '../relations/subject-relation';
import type { SubjectId } from '../subjects/subject-identifier';
import { SubjectIdentifierRepository } from '../subjects/subject-identifier.repository';
import { SubjectPseudonymRepository } from '../subjects/subject-pseudonym.repository';
import type { EvidenceRequestRecord } from './evidence-request';
import type { RequestEvidenceCommand } from './evidence-request.command';
import { decideEvidenceRequest, type RequestDecision, type RequestItem, refusalError } from './evidence-request.decision';
import { EvidenceRequestRepository } from './evidence-request.repository';
import { RequestSnapshotRepository } from './request-snapshot.repository';

export interface DisclosedEvidenceView {
  evidence: EvidenceRecord;
  disclosure: Disclosure;
  auditSequence: string;
}

export type RequestOutcome = ({ kind: 'disclosed' } & DisclosedEvidenceView) | { kind: 'pending'; request: EvidenceRequestRecord };

export interface OpenRequestView {
  request: EvidenceRequestRecord;
  /** The identifier the requester named, when the hub holds it. */
  identifier: SubjectId | undefined;
}

type Decided = { item: RequestItem; decision: RequestDecision; request?: EvidenceRequestRecord; audit?: AuditRecord };

/**
 * Once-only requests. Every request is decided by the pure rules in evidence-request.decision.ts; what
 * this service adds is doing it for many requests at once: requests that arrive together share one read
 * of parties, grants and vault and one audit append (one commit), and each caller gets its answer only
 * after that commit. So every answer and refusal has its audit entry committed before the caller hears of
 * it, and if the audit cannot be written nobody gets an answer (fail closed).
 */
@Injectable()
export class EvidenceRequestService implements OnApplicationShutdown {
  private readonly logger = new Logger(EvidenceRequestService.name);
  private readonly batcher: MicroBatcher<RequestItem, RequestOutcome>;

  constructor(
    private readonly snapshots: RequestSnapshotRepository,
    private readonly registry: PartyRegistryService,
    private readonly vault: EvidenceRepository,
    private readonly requests: EvidenceRequestRepository,
    private readonly subjectIdentifiers: SubjectIdentifierRepository,
    private readonly subjects: SubjectPseudonymRepository,
    private readonly catalogue: EvidenceCatalogue,
    private readonly audit: AuditTrailRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    private readonly metrics: HubMetricsRepository,
    @Inject(HUB_CONFIG) config: Pick<HubConfig, 'EVIDENCE_REQUEST_BATCH_MAX' | 'EVIDENCE_REQUEST_BATCH_CONCURRENCY'>,
  ) {
    this.batcher = new MicroBatcher((items) => this.handleBatch(items), {
      maxBatchSize: config.EVIDENCE_REQUEST_BATCH_MAX,
      maxConcurrentBatches: config.EVIDENCE_REQUEST_BATCH_CONCURRENCY,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.batcher.idle();
  }

  request(callerOin: string, command: RequestEvidenceCommand): Promise<RequestOutcome> {
    return this.batcher.submit({ callerOin, command, subjectPseudonym: this.subjects.pseudonymOf(command.subject) });
  }

  /** Decides and commits a batch; one result per item, in order. Public for the small tests. */
  async handleBatch(items: readonly RequestItem[]): Promise<BatchItemResult<RequestOutcome>[]> {
    const now = this.clock.now();
    let decided: Decided[];
    try {
      decided = await this.decideAndRecord(items, now);
    } catch (error: unknown) {
      this.logger.error(
        `Evidence request batch of ${items.length} not committed: ${error instanceof Error ? error.message : String(error)}`,
      );
      const refusal = new HubError('AUDIT_UNAVAILABLE', 'The request could not be recorded in the audit trail, so it is not answered', {
        cause: error,
      });
      return items.map(() => ({ ok: false, error: refusal }));
    }
    this.metrics.requestBatchCommitted(items.length);
    return decided.map(({ item, decision, request, audit }) => {
      this.metrics.evidenceRequest(item.command.entry.type, decision.kind === 'refused' ? decision.reason : decision.kind);
      switch (decision.kind) {
        case 'invalid':
          return { ok: false, error: decision.error };
        case 'refused':
          return { ok: false, error: refusalError(decision, item) };
        case 'disclosed':
          if (!item.requestId) this.metrics.documentNotAskedAgain(decision.evidence.evidenceType, 'vault');
          return {
            ok: true,
            value: {
              kind: 'disclosed',
              evidence: decision.evidence,
              disclosure: decision.disclosure,
              auditSequence: audit?.sequence ?? '',
            },
          };
        case 'pending':
          return { ok: true, value: { kind: 'pending', request: request as EvidenceRequestRecord } };
      }
    });
  }

  /** The state of a request the caller made; once completed, the evidence it may see (audited again). */
  async getRequest(callerOin: string, requestId: string): Promise<{ request: EvidenceRequestRecord; disclosed?: DisclosedEvidenceView }> {
    const party = await this.registry.callerRecord(callerOin);
    const request = await this.requests.findById(requestId);
    // Someone else's request does not exist for this caller.
    if (!request || request.requesterOin !== party.oin)
      throw new HubError('REQUEST_NOT_FOUND', `No evidence request ${requestId} of yours`);
    if (request.status !== 'COMPLETED' || request.evidenceId === null) return { request };
    const entry = this.catalogue.find(request.evidenceType);
    if (!entry) throw new HubError('REQUEST_NOT_FOUND', `Evidence type ${request.evidenceType} is no longer in the catalogue`);
    const item: RequestItem = {
      callerOin,
      requestId: request.id,
      subjectPseudonym: request.subjectPseudonym,
      command: {
        subject: { kind: 'pseudonym', value: request.subjectPseudonym },
        entry,
        purpose: request.purpose,
        legalBasis: request.legalBasis,
        explicitRequestByPerson: request.explicitRequestByPerson,
        subUnit: request.requesterSubUnit,
        responseTimeoutMs: undefined,
        evidenceId: request.evidenceId,
        sourceOin: undefined,
        question: undefined,
      },
    };
    // The grant is checked again: it may have ended while the request waited.
    const [result] = await this.handleBatch([item]);
    if (!result.ok) throw result.error;
    return result.value.kind === 'disclosed' ? { request, disclosed: result.value } : { request };
  }

  /**
   * For a source: the pending requests routed to it, for the evidence types it is authoritative for. Only
   * the routed source sees whom a request is about (issue 11, leak 1), and each identifier unsealed for it
   * has an audit entry committed before the list is returned (fail closed, like every disclosure): one entry per
   * request, at its first disclosure to the source.
   */
  async listOpen(callerOin: string, pageSize: number): Promise<OpenRequestView[]> {
    const party = await this.registry.callerRecord(callerOin);
    const types = typesIssuableBy(this.catalogue.all(), party).map((entry) => entry.type);
    const open = await this.requests.listPendingRoutedTo(party.oin, types, pageSize);
    const sealed = await this.subjectIdentifiers.findSealed([...new Set(open.map((request) => request.subjectPseudonym))]);
    const views = open.map((request) => {
      const identifier = sealed.get(request.subjectPseudonym);
      return { request, identifier: identifier ? this.subjects.open(identifier) : undefined };
    });
    const now = this.clock.now();
    const unsealed = views.filter((view) => view.identifier !== undefined).map((view) => view.request);
    try {
      // The first time the source sees a request's identifier is audited; its later polls of the same request
      // disclose nothing new and are not (issue 13: a polling source filled the trail with one entry per round).
      await this.transactions.run(async (tx) => {
        const first = await this.requests.claimFirstDisclosures(
          tx,
          unsealed.map((request) => request.id),
          now,
        );
        await this.audit.append(
          tx,
          unsealed
            .filter((request) => first.has(request.id))
            .map((request) =>
              auditDraft({
                occurredAt: now,
                actorOin: party.oin,
                action: 'REQUEST_IDENTIFIER_DISCLOSED',
                subjectPseudonym: request.subjectPseudonym,
                evidenceType: request.evidenceType,
                purpose: request.purpose,
                legalBasis: request.legalBasis,
                grantId: request.grantId,
                requestId: request.id,
              }),
            ),
        );
      });
    } catch (error: unknown) {
      throw new HubError('AUDIT_UNAVAILABLE', 'The disclosure could not be recorded in the audit trail, so it is not answered', {
        cause: error,
      });
    }
    return views;
  }

  /**
   * The common case (every request answered or refused from what is stored) costs two statements: one
   * snapshot read and one audit append, which commits on its own before anyone is answered. Only a batch
   * with requests that must wait for a source opens a transaction, because registering them, their events
   * and their audit entries must commit together.
   */
  private async decideAndRecord(batch: readonly RequestItem[], now: Date): Promise<Decided[]> {
    const snapshot = await this.snapshots.load(null, {
      oins: [...new Set(batch.flatMap((item) => [item.callerOin, ...(item.command.sourceOin ? [item.command.sourceOin] : [])]))],
      evidenceTypes: [...new Set(batch.map((item) => item.command.entry.type))],
      subjects: batch
        .filter((item) => item.command.evidenceId === undefined)
        .map((item) => ({ evidenceType: item.command.entry.type, subjectPseudonym: item.subjectPseudonym })),
      evidenceIds: [...new Set(batch.flatMap((item) => (item.command.evidenceId === undefined ? [] : [item.command.evidenceId])))],
      relationSubjects: [...new Set(batch.map((item) => item.subjectPseudonym))],
      at: now,
    });
    // Whichever identifier names the person, the request is about the one subject it is linked to (issue 11,
    // leak 6): evidence issued under the passport answers a request under the V-number. The snapshot read the
    // linked subject's evidence and relations, and says which pseudonyms it resolved.
    const resolved = new Map(snapshot.links.map((link) => [link.member, link.subject]));
    const items = batch.map((item) => ({ ...item, subjectPseudonym: resolved.get(item.subjectPseudonym) ?? item.subjectPseudonym }));
    const relations = relationsByPartyAndSubject(snapshot.relations);
    const partyByOin = new Map(snapshot.parties.map((party) => [party.oin, party]));
    const evidence = groupBySubject(snapshot.evidence);
    const decide = (item: RequestItem, found: readonly EvidenceRecord[]): RequestDecision =>
      decideEvidenceRequest({
        item,
        party: partyByOin.get(item.callerOin),
        grants: snapshot.grants,
        evidence: found,
        namedSource: item.command.sourceOin === undefined ? undefined : partyByOin.get(item.command.sourceOin),
        relations: relations.get(relationKey(item.callerOin, item.subjectPseudonym)) ?? new Set(),
        now,
      });
    const decided: Decided[] = items.map((item) => ({
      item,
      decision: decide(item, evidence.get(subjectKey(item.command.entry.type, item.subjectPseudonym)) ?? []),
    }));

    const waiting = decided.filter((entry) => entry.decision.kind === 'pending');
    if (waiting.length === 0) {
      await this.recordAudit(null, decided, now);
      return decided;
    }
    return this.transactions.run(async (tx) => {
      // Decide again under the subject locks an issuing transaction also takes: evidence issued a moment
      // ago is answered now, and evidence issued a moment later finds this request and completes it.
      const keys = waiting.map(({ item }) => ({ evidenceType: item.command.entry.type, subjectPseudonym: item.subjectPseudonym }));
      await this.vault.lockSubjects(tx, keys);
      const fresh = groupBySubject(await this.vault.findForSubjects(tx, keys));
      for (const entry of waiting) {
        entry.decision = decide(entry.item, fresh.get(subjectKey(entry.item.command.entry.type, entry.item.subjectPseudonym)) ?? []);
      }
      const stillWaiting = decided.filter((entry) => entry.decision.kind === 'pending');
      if (stillWaiting.length > 0) await this.registerPending(tx, stillWaiting, now);
      await this.recordAudit(tx, decided, now);
      return decided;
    });
  }

  private async recordAudit(tx: Transaction | null, decided: Decided[], now: Date): Promise<void> {
    const recorded = decided.filter((entry) => entry.decision.kind !== 'invalid');
    const records = await this.audit.append(
      tx,
      recorded.map((entry) => this.auditEntry(entry, now)),
    );
    recorded.forEach((entry, index) => {
      entry.audit = records[index];
    });
  }

  private async registerPending(tx: Transaction, pending: Decided[], now: Date): Promise<void> {
    const registered = await this.requests.registerPending(
      tx,
      pending.map(({ item, decision }) => ({
        id: this.ids.newId(),
        requesterOin: item.callerOin,
        requesterSubUnit: item.command.subUnit,
        evidenceType: item.command.entry.type,
        subjectPseudonym: item.subjectPseudonym,
        purpose: item.command.purpose,
        legalBasis: item.command.legalBasis,
        explicitRequestByPerson: item.command.explicitRequestByPerson,
        grantId: decision.kind === 'pending' ? decision.grant.id : '',
        status: 'PENDING',
        requestedAt: now,
        deadline: decision.kind === 'pending' ? decision.deadline : now,
        completedAt: null,
        evidenceId: null,
        expiredAt: null,
        routedSourceOin: decision.kind === 'pending' ? decision.routedSourceOin : null,
        question: item.command.question ?? null,
      })),
    );
    pending.forEach((entry, index) => {
      entry.request = registered[index].request;
    });
    // The source must know whom a request is about; the hub keeps the identifier sealed for it.
    await this.subjectIdentifiers.record(
      tx,
      pending
        .filter(({ item }) => item.command.subject.kind !== 'pseudonym')
        .map(({ item }) => ({
          pseudonym: item.subjectPseudonym,
          sealed: this.subjects.seal(item.command.subject as Exclude<SubjectId, { kind: 'pseudonym' }>),
        })),
      now,
    );
    for (const { request, created } of registered) {
      if (!created) continue;
      await this.outbox.enqueue(tx, TOPICS.evidenceRequested, {
        requestId: request.id,
        evidenceType: request.evidenceType,
        subject: { pseudonym: request.subjectPseudonym },
        sourceRoles: [...(this.catalogue.find(request.evidenceType)?.sourceRoles ?? [])],
        requester: { oin: request.requesterOin, subUnit: request.requesterSubUnit },
        purpose: request.purpose,
        legalBasis: request.legalBasis,
        deadline: toTimestamp(request.deadline),
      });
    }
  }

  private auditEntry({ item, decision, request }: Decided, now: Date): AuditDraft {
    const { command } = item;
    const common = {
      occurredAt: now,
      actorOin: item.callerOin,
      actorSubUnit: command.subUnit,
      subjectPseudonym: item.subjectPseudonym,
      evidenceType: command.entry.type,
      purpose: command.purpose,
      legalBasis: command.legalBasis,
      explicitRequestByPerson: command.explicitRequestByPerson,
      requestId: item.requestId ?? null,
    };
    switch (decision.kind) {
      case 'disclosed':
        return auditDraft({
          ...common,
          action: 'EVIDENCE_DISCLOSED',
          grantId: decision.grant.id,
          evidenceId: decision.evidence.id,
          disclosedFields: decision.disclosure.disclosedFields,
        });
      case 'pending':
        return auditDraft({ ...common, action: 'EVIDENCE_REQUEST_PENDING', grantId: decision.grant.id, requestId: request?.id ?? null });
      case 'refused':
        return auditDraft({
          ...common,
          action: 'EVIDENCE_REQUEST_REFUSED',
          reason: decision.reason,
          grantId: decision.grant?.id ?? null,
          evidenceId: decision.evidence?.id ?? null,
        });
      case 'invalid':
        throw new Error('invalid requests are not audited');
    }
  }
}

function groupBySubject(evidence: readonly EvidenceRecord[]): Map<string, EvidenceRecord[]> {
  const grouped = new Map<string, EvidenceRecord[]>();
  for (const record of evidence) {
    const key = subjectKey(record.evidenceType, record.subjectPseudonym);
    grouped.set(key, [...(grouped.get(key) ?? []), record]);
  }
  return grouped;
}
