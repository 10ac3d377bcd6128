import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { GrantChange } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { TOPICS } from '@welkom/events';
import { ClockRepository, IdRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import type { CallingOperator } from '@welkom/grpc';
import type { Transaction } from '@welkom/persistence';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import { HUB_CONFIG, HUB_PARTY_OIN, type HubConfig } from '../hub.config';
import { HubError } from '../hub.errors';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import { type GrantRecord, isActiveAt } from './grant';
import { type ApproveGrantCommand, type CreateGrantCommand, type EndGrantCommand, invalidRequest } from './grant.command';
import { toGrantMessage } from './grant.mapper';
import { GrantRepository } from './grant.repository';
import { type GrantSeed, readGrantSeed } from './grant-seed';

@Injectable()
export class GrantService implements OnApplicationBootstrap {
  private readonly logger = new Logger(GrantService.name);

  constructor(
    private readonly grants: GrantRepository,
    private readonly registry: PartyRegistryService,
    private readonly catalogue: EvidenceCatalogue,
    private readonly audit: AuditTrailRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'GRANT_SEED_FILE'>,
    @Inject(HUB_PARTY_OIN) private readonly hubOin: string,
  ) {}

  /** After every module's init, so the party registry is seeded and migrations have run. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.GRANT_SEED_FILE) return;
    const { created, ended } = await this.seed(readGrantSeed(this.config.GRANT_SEED_FILE, this.catalogue));
    this.logger.log(`Grant seed ${this.config.GRANT_SEED_FILE}: ${created} created, ${ended} ended`);
  }

  /**
   * Ends the grants the seed file marks as replaced (where they exist and are still active), then creates the
   * seed grants that do not exist yet, both as the hub itself (audited and evented like any grant). So a
   * database seeded from an earlier version of the file converges on the current one. Seed grants are
   * configuration, reviewed where the file is: they are in force as loaded, and the audit says they came from
   * the file rather than from an operator.
   */
  async seed(seed: GrantSeed): Promise<{ created: number; ended: number }> {
    const loadedFrom = `loaded from the grant seed file ${seed.fileName}`;
    let ended = 0;
    for (const command of seed.end) {
      const existing = await this.grants.findById(command.grantId);
      if (!existing || existing.endedAt !== null) continue;
      await this.endAs({ oin: this.hubOin, operatorId: null }, command);
      ended += 1;
    }
    let created = 0;
    for (const command of seed.create) {
      const existing = command.id === undefined ? null : await this.grants.findById(command.id);
      if (existing) continue;
      await this.insert(this.newGrant(this.hubOin, null, command), { approved: true, reason: loadedFrom });
      created += 1;
    }
    return { created, ended };
  }

  /** What the caller may ask for now: the grants that apply to it by OIN or by one of its roles. */
  async listMine(callerOin: string): Promise<GrantRecord[]> {
    const party = await this.registry.callerRecord(callerOin);
    const now = this.clock.now();
    const grants = await this.grants.findApplicable({ oins: [party.oin], roles: party.roles, evidenceTypes: null, at: now });
    return grants.filter((grant) => isActiveAt(grant, now));
  }

  async listAll(operator: CallingOperator, evidenceType: IssuableEvidenceType | null): Promise<GrantRecord[]> {
    await this.registry.hubOperator(operator.oin);
    return this.grants.list(evidenceType);
  }

  /**
   * Four-eyes, first pair: an operator in person proposes a grant. It is stored and audited with their name,
   * but applies to nobody (and is not announced) until a second operator approves it.
   */
  async propose(operator: CallingOperator, command: CreateGrantCommand): Promise<GrantRecord> {
    await this.registry.hubOperator(operator.oin);
    if (command.requesterOin !== null) {
      // A grant for a party the registry does not know would be a grant nobody can use, or a typo.
      if (!(await this.registry.findParty(command.requesterOin))) {
        throw invalidRequest([{ field: 'grant.requester_oin', description: 'is not a registered party' }]);
      }
    }
    return this.insert(this.newGrant(operator.oin, operator.operatorId, command), { approved: false, reason: null });
  }

  /**
   * Four-eyes, second pair: another operator approves the proposal, and from then on the grant applies. Both
   * names are in the audit trail; the proposer's own approval is refused.
   */
  async approve(operator: CallingOperator, command: ApproveGrantCommand): Promise<GrantRecord> {
    await this.registry.hubOperator(operator.oin);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const grant = await this.grants.findForUpdate(tx, command.grantId);
      if (!grant) throw new HubError('GRANT_NOT_FOUND', `Grant ${command.grantId} does not exist`);
      if (grant.endedAt !== null) throw alreadyEnded(grant);
      if (grant.approvedAt !== null) {
        throw new HubError('GRANT_ALREADY_APPROVED', `Grant ${grant.id} was approved at ${grant.approvedAt.toISOString()}`, {
          preconditionViolations: [{ type: 'GRANT_ALREADY_APPROVED', subject: grant.id, description: grant.approvedBy ?? '' }],
        });
      }
      if (grant.proposedBy === operator.operatorId) {
        throw new HubError(
          'FOUR_EYES_REQUIRED',
          `Operator ${operator.operatorId} proposed grant ${grant.id}; a second operator must approve it`,
        );
      }
      const approved: GrantRecord = { ...grant, approvedAt: now, approvedBy: operator.operatorId };
      await this.grants.markApproved(tx, approved);
      await this.announce(tx, approved, GrantChange.GRANT_CHANGE_CREATED, now);
      await this.audit.append(tx, [
        this.auditEntry(approved, { oin: operator.oin, operatorId: operator.operatorId }, now, 'GRANT_APPROVED', null),
      ]);
      return approved;
    });
  }

  /**
   * One operator may end a grant (or withdraw a proposal): ending only takes access away, so it needs no
   * second pair of eyes, and waiting for one would keep a grant in force that should stop now.
   */
  async end(operator: CallingOperator, command: EndGrantCommand): Promise<GrantRecord> {
    await this.registry.hubOperator(operator.oin);
    return this.endAs(operator, command);
  }

  private async endAs(actor: Actor, command: EndGrantCommand): Promise<GrantRecord> {
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const grant = await this.grants.findForUpdate(tx, command.grantId);
      if (!grant) throw new HubError('GRANT_NOT_FOUND', `Grant ${command.grantId} does not exist`);
      if (grant.endedAt !== null) throw alreadyEnded(grant);
      const ended: GrantRecord = {
        ...grant,
        endedAt: now,
        endedBy: actor.oin,
        endReason: command.reason,
        validTo: grant.validTo.getTime() < now.getTime() ? grant.validTo : now,
      };
      await this.grants.markEnded(tx, ended);
      // A proposal that never applied was never announced: withdrawing it is news for the audit trail only.
      if (grant.approvedAt !== null) await this.announce(tx, ended, GrantChange.GRANT_CHANGE_ENDED, now);
      await this.audit.append(tx, [this.auditEntry(ended, actor, now, 'GRANT_ENDED', command.reason)]);
      return ended;
    });
  }

  private newGrant(actorOin: string, operatorId: string | null, command: CreateGrantCommand): GrantRecord {
    const now = this.clock.now();
    const grant: GrantRecord = {
      id: command.id ?? this.ids.newId(),
      requesterOin: command.requesterOin,
      requesterRole: command.requesterRole,
      requesterSubUnit: command.requesterSubUnit,
      evidenceType: command.evidenceType,
      purpose: command.purpose,
      legalBasis: command.legalBasis,
      allowedFields: command.allowedFields,
      validFrom: command.validFrom ?? now,
      validTo: command.validTo,
      requiresExplicitRequest: command.requiresExplicitRequest,
      requiredRelation: command.requiredRelation,
      createdAt: now,
      createdBy: actorOin,
      endedAt: null,
      endedBy: null,
      endReason: null,
      proposedBy: operatorId,
      approvedAt: null,
      approvedBy: null,
    };
    if (grant.validTo.getTime() <= grant.validFrom.getTime()) {
      throw invalidRequest([{ field: 'grant.valid_to', description: 'must be after valid_from (now, when valid_from is empty)' }]);
    }
    return grant;
  }

  /** Stores a new grant: proposed (audited only), or in force at once for a seed grant (announced too). */
  private async insert(grant: GrantRecord, how: { approved: boolean; reason: string | null }): Promise<GrantRecord> {
    const stored: GrantRecord = how.approved ? { ...grant, approvedAt: grant.createdAt } : grant;
    const actor: Actor = { oin: grant.createdBy, operatorId: grant.proposedBy };
    await this.transactions.run(async (tx) => {
      await this.grants.insert(tx, stored);
      if (how.approved) await this.announce(tx, stored, GrantChange.GRANT_CHANGE_CREATED, stored.createdAt);
      const action = how.approved ? 'GRANT_CREATED' : 'GRANT_PROPOSED';
      await this.audit.append(tx, [this.auditEntry(stored, actor, stored.createdAt, action, how.reason)]);
    });
    return stored;
  }

  private async announce(tx: Transaction, grant: GrantRecord, change: GrantChange, at: Date): Promise<void> {
    await this.outbox.enqueue(tx, TOPICS.grantChanged, {
      grant: toGrantMessage(grant),
      change,
      changedBy: { oin: this.hubOin, subUnit: '' },
      changedAt: toTimestamp(at),
    });
  }

  private auditEntry(grant: GrantRecord, actor: Actor, at: Date, action: GrantAuditAction, reason: string | null) {
    return auditDraft({
      occurredAt: at,
      actorOin: actor.oin,
      actorOperator: actor.operatorId,
      action,
      reason,
      grantId: grant.id,
      evidenceType: grant.evidenceType,
      purpose: grant.purpose,
      legalBasis: grant.legalBasis,
      disclosedFields: grant.allowedFields,
    });
  }
}

/** Who changes a grant: an operator in person, or the hub itself (operatorId null) loading its seed file. */
interface Actor {
  readonly oin: string;
  readonly operatorId: string | null;
}

type GrantAuditAction = 'GRANT_CREATED' | 'GRANT_PROPOSED' | 'GRANT_APPROVED' | 'GRANT_ENDED';

function alreadyEnded(grant: GrantRecord): HubError {
  return new HubError('GRANT_ALREADY_ENDED', `Grant ${grant.id} was ended at ${grant.endedAt?.toISOString() ?? ''}`, {
    preconditionViolations: [{ type: 'GRANT_ALREADY_ENDED', subject: grant.id, description: grant.endReason ?? '' }],
  });
}
