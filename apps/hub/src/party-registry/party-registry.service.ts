import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Party, PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
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
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.PARTY_SEED_FILE) return;
    const seed = readPartySeed(this.config.PARTY_SEED_FILE);
    await this.parties.upsert(seed);
    this.logger.log(`Party registry holds ${seed.length} parties from ${this.config.PARTY_SEED_FILE}`);
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
