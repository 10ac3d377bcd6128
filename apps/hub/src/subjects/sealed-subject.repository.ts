import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { openSealedSubject } from '@welkom/messaging';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { invalidRequest } from '../grants/grant.command';

/**
 * Opens identifiers that sources sealed for the hub on the event backbone (issue 11, leak 5), with the private
 * key of the hub's own certificate: the one secret every source can encrypt to without a key exchange.
 */
@Injectable()
export class SealedSubjectRepository {
  private readonly key: KeyObject;

  constructor(@Inject(HUB_CONFIG) config: Pick<HubConfig, 'TLS_KEY_FILE'>) {
    this.key = createPrivateKey(readFileSync(config.TLS_KEY_FILE));
  }

  /** The identifier, or INVALID_ARGUMENT (to the dead-letter topic) when it was not sealed for this hub. */
  open(sealed: Uint8Array, field: string): SubjectIdentifier {
    try {
      return openSealedSubject(this.key, sealed);
    } catch {
      throw invalidRequest([{ field, description: 'cannot be opened by the hub: not sealed for its certificate key' }]);
    }
  }
}
