import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { GrantChange } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { TOPICS } from '@welkom/events';
import { ClockRepository, IdRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import { HUB_CONFIG, HUB_PARTY_OIN, type HubConfig } from '../hub.config';
import { HubError } from '../hub.errors';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import { type GrantRecord, isActiveAt } from './grant';
import { type CreateGrantCommand, type EndGrantCommand, invalidRequest } from './grant.command';
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
   * database seeded from an earlier version of the file converges on the current one.
   */
  async seed(seed: GrantSeed): Promise<{ created: number; ended: number }> {
    let ended = 0;
    for (const command of seed.end) {
      const existing = await this.grants.findById(command.grantId);
      if (!existing || existing.endedAt !== null) continue;
      await this.end(this.hubOin, command);
      ended += 1;
    }
    let created = 0;
    for (const command of seed.create) {
      const existing = command.id === undefined ? null : await this.grants.findById(command.id);
      if (existing) continue;
      await this.createAs(this.hubOin, command);
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

  async listAll(callerOin: string, evidenceType: IssuableEvidenceType | null): Promise<GrantRecord[]> {
    await this.registry.hubOperator(callerOin);
    return this.grants.list(evidenceType);
  }

  async create(callerOin: string, command: CreateGrantCommand): Promise<GrantRecord> {
    await this.registry.hubOperator(callerOin);
    if (command.requesterOin !== null) {
      // A grant for a party the registry does not know would be a grant nobody can use, or a typo.
      if (!(await this.registry.findParty(command.requesterOin))) {
        throw invalidRequest([{ field: 'grant.requester_oin', description: 'is not a registered party' }]);
      }
    }
    return this.createAs(callerOin, command);
  }

  async end(callerOin: string, command: EndGrantCommand): Promise<GrantRecord> {
    await this.registry.hubOperator(callerOin);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const grant = await this.grants.findForUpdate(tx, command.grantId);
      if (!grant) throw new HubError('GRANT_NOT_FOUND', `Grant ${command.grantId} does not exist`);
      if (grant.endedAt !== null) {
        throw new HubError('GRANT_ALREADY_ENDED', `Grant ${grant.id} was ended at ${grant.endedAt.toISOString()}`, {
          preconditionViolations: [{ type: 'GRANT_ALREADY_ENDED', subject: grant.id, description: grant.endReason ?? '' }],
        });
      }
      const ended: GrantRecord = {
        ...grant,
        endedAt: now,
        endedBy: callerOin,
        endReason: command.reason,
        validTo: grant.validTo.getTime() < now.getTime() ? grant.validTo : now,
      };
      await this.grants.markEnded(tx, ended);
      await this.outbox.enqueue(tx, TOPICS.grantChanged, {
        grant: toGrantMessage(ended),
        change: GrantChange.GRANT_CHANGE_ENDED,
        changedBy: { oin: callerOin, subUnit: '' },
        changedAt: toTimestamp(now),
      });
      await this.audit.append(tx, [this.auditEntry(ended, callerOin, now, 'GRANT_ENDED', command.reason)]);
      return ended;
    });
  }

  private async createAs(actorOin: string, command: CreateGrantCommand): Promise<GrantRecord> {
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
    };
    if (grant.validTo.getTime() <= grant.validFrom.getTime()) {
      throw invalidRequest([{ field: 'grant.valid_to', description: 'must be after valid_from (now, when valid_from is empty)' }]);
    }
    await this.transactions.run(async (tx) => {
      await this.grants.insert(tx, grant);
      await this.outbox.enqueue(tx, TOPICS.grantChanged, {
        grant: toGrantMessage(grant),
        change: GrantChange.GRANT_CHANGE_CREATED,
        changedBy: { oin: actorOin, subUnit: '' },
        changedAt: toTimestamp(now),
      });
      await this.audit.append(tx, [this.auditEntry(grant, actorOin, now, 'GRANT_CREATED', null)]);
    });
    return grant;
  }

  private auditEntry(grant: GrantRecord, actorOin: string, at: Date, action: 'GRANT_CREATED' | 'GRANT_ENDED', reason: string | null) {
    return auditDraft({
      occurredAt: at,
      actorOin,
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
