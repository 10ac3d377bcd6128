import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { SigningCertificate } from '@welkom/contracts/generated/welkom/platform/v1/signing_certificate';
import { certificateThumbprint, TOPICS } from '@welkom/events';
import { createReliableProducer } from '../kafka-client.factory';
import { readTopicToEnd } from '../topic.reader';

/** Where a verifier finds the certificate chain (x5c form, base64 DER) behind an `x5t#S256` thumbprint. */
export interface SigningCertificateSource {
  resolve(thumbprint: string): Promise<readonly string[] | undefined>;
}

/**
 * The signing certificates on `welkom.platform.signing-certificates.v1`. A service registers its own before it
 * signs anything; a verifier looks a thumbprint up here. Entries are not trusted for being here: the verifier
 * checks every chain against the party CA and the thumbprint against the leaf, as it checks an `x5c`.
 */
export class SigningCertificateDirectory implements SigningCertificateSource {
  private readonly logger = new Logger(SigningCertificateDirectory.name);
  private readonly known = new Map<string, readonly string[]>();
  private refreshing: Promise<void> | undefined;

  constructor(private readonly kafka: Kafka) {}

  /**
   * Publishes the chain (leaf first, base64 DER) and waits for every in-sync replica to hold it, so a consumer
   * that sees an event signed with it afterwards can always find it. Registering again is harmless (compaction).
   */
  async register(chain: readonly string[]): Promise<string> {
    const der = chain.map((entry) => Buffer.from(entry, 'base64'));
    const thumbprint = certificateThumbprint(der[0]);
    const producer = createReliableProducer(this.kafka);
    await producer.connect();
    try {
      const value = Buffer.from(SigningCertificate.encode({ thumbprintSha256: thumbprint, chain: der }).finish());
      await producer.send({ topic: TOPICS.signingCertificates.name, acks: -1, messages: [{ key: thumbprint, value }] });
    } finally {
      await producer.disconnect();
    }
    this.known.set(thumbprint, chain);
    return thumbprint;
  }

  /**
   * The chain behind a thumbprint. An unknown one makes the directory read the topic again (one read at a time,
   * shared by every caller waiting): a certificate registered after the last read is found, a made-up one is not.
   */
  async resolve(thumbprint: string): Promise<readonly string[] | undefined> {
    const hit = this.known.get(thumbprint);
    if (hit) return hit;
    await this.refresh();
    return this.known.get(thumbprint);
  }

  /** Reads every registered certificate; services call it at start so the first events need no lookup. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readAll().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async readAll(): Promise<void> {
    for (const record of await readTopicToEnd(this.kafka, [TOPICS.signingCertificates.name])) {
      if (!record.value) continue;
      try {
        const entry = SigningCertificate.decode(record.value);
        const chain = entry.chain.map((der) => Buffer.from(der).toString('base64'));
        // A record whose key, thumbprint and leaf disagree is junk on an open topic: skip it, never trust it.
        if (chain.length > 0 && certificateThumbprint(entry.chain[0]) === entry.thumbprintSha256) {
          this.known.set(entry.thumbprintSha256, chain);
        }
      } catch (error) {
        this.logger.warn(`Skipping an unreadable signing-certificate record at offset ${record.offset}: ${(error as Error).message}`);
      }
    }
  }
}

/** Certificates handed over with the records they signed (an export bundle): resolves from that set only. */
export class BundledCertificates implements SigningCertificateSource {
  constructor(private readonly chains: Readonly<Record<string, readonly string[]>>) {}

  resolve(thumbprint: string): Promise<readonly string[] | undefined> {
    return Promise.resolve(Object.hasOwn(this.chains, thumbprint) ? this.chains[thumbprint] : undefined);
  }
}
