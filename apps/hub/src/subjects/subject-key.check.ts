import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { StartRefusedError } from '@welkom/config';
import { databaseNameOf } from '@welkom/persistence';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { SubjectIdentifierRepository } from './subject-identifier.repository';
import { SubjectPseudonymRepository } from './subject-pseudonym.repository';

/**
 * Before the hub serves (after migrations): its pseudonym key is the one this database's pseudonyms were made with,
 * and it holds every key the stored identifiers are sealed under. Otherwise it refuses to start with one line naming
 * both key ids, instead of coming up healthy and answering INTERNAL to every call that opens an identifier.
 */
@Injectable()
export class SubjectKeyCheck implements OnModuleInit {
  private readonly logger = new Logger('SubjectKeys');

  constructor(
    private readonly subjects: SubjectPseudonymRepository,
    private readonly identifiers: SubjectIdentifierRepository,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'DATABASE_URL'>,
  ) {}

  async onModuleInit(): Promise<void> {
    const keys = this.subjects.keys;
    if (!keys.pseudonymKeyId || !keys.sealing) return; // fail closed per call; HubModule warns
    const database = databaseNameOf(this.config.DATABASE_URL);
    const bound = await this.identifiers.bindPseudonymKey(keys.pseudonymKeyId);
    if (bound !== keys.pseudonymKeyId) {
      throw new StartRefusedError(
        `hub refuses to start: database ${database} holds pseudonyms made with key ${bound}, but SUBJECT_PSEUDONYM_SECRET is key ${keys.pseudonymKeyId} ` +
          `(start with the secret this database was made with, or with a database of its own)`,
      );
    }
    await this.markLegacyRows(database);
    const held = keys.readableKeyIds();
    for (const [keyId, count] of await this.identifiers.countBySealingKey()) {
      if (keyId !== null && !held.includes(keyId)) {
        throw new StartRefusedError(
          `hub refuses to start: database ${database} holds ${count} identifier(s) sealed under key ${keyId}, but this hub holds sealing key ${held.join(', ')} ` +
            `(add ${keyId} to SUBJECT_SEALING_KEYS, after the current key, until it is re-sealed)`,
        );
      }
    }
    this.logger.log(`Pseudonym key ${keys.pseudonymKeyId}; sealing under ${keys.sealing.id}`);
  }

  /** Rows sealed before key ids: one must open under the legacy key, then they all get its id. */
  private async markLegacyRows(database: string): Promise<void> {
    const keys = this.subjects.keys;
    const sample = await this.identifiers.sampleWithoutKeyId();
    if (!sample || !keys.legacy) return;
    try {
      this.subjects.open({ keyId: keys.legacy.id, bytes: sample });
    } catch {
      throw new StartRefusedError(
        `hub refuses to start: database ${database} holds identifiers sealed before key ids under a key that is not ${keys.legacy.id} ` +
          `(derived from pseudonym key ${keys.pseudonymKeyId}): it was made with another SUBJECT_PSEUDONYM_SECRET`,
      );
    }
    const marked = await this.identifiers.assignKeyIdToUnmarked(keys.legacy.id);
    this.logger.log(`${marked} identifier(s) sealed before key ids are under ${keys.legacy.id}`);
  }
}
