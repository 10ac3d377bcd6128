import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Party, PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { DomainError } from '@welkom/errors';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { readPartySeed } from './party-seed';
import { PartyRepository, type PartyRecord } from './party.repository';

function toParty(record: PartyRecord): Party {
  return {
    reference: { oin: record.oin, subUnit: '' },
    name: record.name,
    roles: record.roles as PartyRole[],
  };
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
    const record = await this.parties.findByOin(callerOin);
    if (!record) {
      throw new DomainError('UNAUTHENTICATED', `Party ${callerOin} is not registered with the hub`, {
        reason: 'UNKNOWN_PARTY',
      });
    }
    return toParty(record);
  }

  async listParties(role: PartyRole): Promise<Party[]> {
    const records = await this.parties.list();
    const wanted = role === PartyRole.PARTY_ROLE_UNSPECIFIED ? records : records.filter((r) => r.roles.includes(role));
    return wanted.map(toParty);
  }
}
