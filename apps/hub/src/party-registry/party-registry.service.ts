import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Party, PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { basename } from 'node:path';
import { ClockRepository } from '@welkom/platform';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { HUB_CONFIG, HUB_PARTY_OIN, type HubConfig } from '../hub.config';
import { partyChanges } from './party-changes';
import { HubError } from '../hub.errors';
import { assertHubOperator } from './party-roles';
import { readPartySeed } from './party-seed';
import { PartyRepository, type PartyRecord } from './party.repository';

export function toParty(record: PartyRecord): Party {
  return {
    reference: { oin: record.oin, subUnit: '' },
    name: record.name,
    roles: record.roles as PartyRole[],
  };
}

export function unknownParty(oin: string): HubError {
  return new HubError('UNKNOWN_PARTY', `Party ${oin} is not registered with the hub`);
}

@Injectable()
export class PartyRegistryService implements OnModuleInit {
  private readonly logger = new Logger(PartyRegistryService.name);

  constructor(
    private readonly parties: PartyRepository,
    private readonly audit: AuditTrailRepository,
    private readonly clock: ClockRepository,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HUB_PARTY_OIN) private readonly hubOin: string,
  ) {}

  /**
   * Loads the party seed file. Every party it adds or changes is audited in the same transaction, as the hub itself
   * loading configuration (no operator in person: the file is reviewed where it is kept), like seed grants.
   */
  async onModuleInit(): Promise<void> {
    if (!this.config.PARTY_SEED_FILE) return;
    const seed = readPartySeed(this.config.PARTY_SEED_FILE);
    const changes = partyChanges(await this.parties.list(), seed);
    const loadedFrom = `loaded from the party seed file ${basename(this.config.PARTY_SEED_FILE)}`;
    const at = this.clock.now();
    await this.parties.upsert(seed, async (tx) => {
      await this.audit.append(
        tx,
        changes.map((change) =>
          auditDraft({
            occurredAt: at,
            actorOin: this.hubOin,
            action: change.action,
            reason: `${loadedFrom}: ${change.oin} ${change.summary}`,
          }),
        ),
      );
    });
    this.logger.log(`Party registry holds ${seed.length} parties from ${this.config.PARTY_SEED_FILE} (${changes.length} added or changed)`);
  }

  /**
   * The caller's certificate came from our CA, but a party the registry does not know gets nothing: a valid
   * certificate is necessary, not sufficient.
   */
  async callerParty(callerOin: string): Promise<Party> {
    return toParty(await this.callerRecord(callerOin));
  }

  async callerRecord(callerOin: string): Promise<PartyRecord> {
    const record = await this.parties.findByOin(callerOin);
    if (!record) throw unknownParty(callerOin);
    return record;
  }

  async findParty(oin: string): Promise<PartyRecord | null> {
    return this.parties.findByOin(oin);
  }

  async hubOperator(callerOin: string): Promise<PartyRecord> {
    const record = await this.callerRecord(callerOin);
    assertHubOperator(record);
    return record;
  }

  async listParties(role: PartyRole): Promise<Party[]> {
    const records = await this.parties.list();
    const wanted = role === PartyRole.PARTY_ROLE_UNSPECIFIED ? records : records.filter((r) => r.roles.includes(role));
    return wanted.map(toParty);
  }
}
