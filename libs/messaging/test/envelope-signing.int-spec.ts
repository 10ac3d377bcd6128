import { createPrivateKey, sign, X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_PARTY_DIRECTORY_FILE } from '@welkom/config';
import { encodeDetachedJws, encodeJwsHeader, envelopeSigningPayload, jwsSigningInput, type EventEnvelope } from '@welkom/events';
import { SigningCertificate } from '@welkom/contracts/generated/welkom/platform/v1/signing_certificate';
import { certificateThumbprint, TOPICS } from '@welkom/events';
import {
  buildSignedRecord,
  buildSignedRecords,
  CertificateTrust,
  createKafkaClient,
  createReliableProducer,
  ensureTopics,
  SigningCertificateDirectory,
  EnvelopeSigner,
  EnvelopeVerifier,
  PartyDirectory,
  SignatureRejectedError,
  type SignatureRejection,
} from '@welkom/messaging';
import { testInfrastructure, testKafka } from '@welkom/testing';
import { ensureUntrustedCertificates } from '@welkom/infrastructure';
import { type CaseFact, caseFactTopic } from './fixtures/case-fact.codec';
import { HUB_OIN, newRunId } from './fixtures/fault-harness';

const topic = caseFactTopic('signing');
const fact: CaseFact = { caseId: 'case-7', sequence: 3 };

describe('signed envelopes against the development PKI', () => {
  const { certificates } = testInfrastructure();
  const hub = EnvelopeSigner.fromFiles(certificates.parties.hub);
  const verifier = new EnvelopeVerifier(
    CertificateTrust.fromCaFile(certificates.caCertificatePath),
    PartyDirectory.fromFile(DEV_PARTY_DIRECTORY_FILE),
  );

  async function signed(signer = hub) {
    const record = await buildSignedRecord(topic, fact, signer);
    return { envelope: record.envelope, signature: record.headers['welkom-signature'], key: record.key, payload: record.value, topic };
  }

  async function rejection(check: Promise<void>): Promise<SignatureRejection> {
    try {
      await check;
    } catch (error) {
      if (error instanceof SignatureRejectedError) return error.rejection;
      throw error;
    }
    throw new Error('expected the signature to be rejected');
  }

  it('accepts an event signed by a party allowed to publish it', async () => {
    await expect(verifier.verify(await signed())).resolves.toBeUndefined();
  });

  it.each<[string, (record: Awaited<ReturnType<typeof signed>>) => object]>([
    ['the payload', () => ({ payload: Buffer.from(topic.codec.encode({ ...fact, sequence: 4 }).finish()) })],
    ['the key (another case)', () => ({ key: 'case-8' })],
    ['the occurred-at time', (record) => ({ envelope: { ...record.envelope, occurredAt: '2020-01-01T00:00:00.000Z' } })],
    ['the correlation id', (record) => ({ envelope: { ...record.envelope, correlationId: 'someone-elses-flow' } })],
    ['the event id', (record) => ({ envelope: { ...record.envelope, eventId: '11111111-1111-4111-8111-111111111111' } })],
  ])('rejects an event whose %s was changed after signing', async (_field, change) => {
    const record = await signed();
    expect(await rejection(verifier.verify({ ...record, ...change(record) }))).toBe('BAD_SIGNATURE');
  });

  it('does not cover the traceparent, which tracing may rewrite on the way', async () => {
    const record = await signed();
    await expect(verifier.verify({ ...record, envelope: { ...record.envelope, traceparent: '00-ab-cd-01' } })).resolves.toBeUndefined();
  });

  it('rejects a signer certificate from a CA the parties do not share, even with a real OIN', async () => {
    const directory = join(certificates.caCertificatePath, '..', `untrusted-${newRunId()}`);
    try {
      const untrusted = await ensureUntrustedCertificates(directory, [{ key: 'hub', oin: HUB_OIN, name: 'Welkom Hub (impostor)' }]);
      const impostor = EnvelopeSigner.fromFiles(untrusted.parties.hub);
      expect(await rejection(verifier.verify(await signed(impostor)))).toBe('BAD_SIGNATURE');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('rejects an event that claims another source party than the certificate that signed it', async () => {
    // IND signs, with its own key and certificate, an envelope claiming to come from the hub.
    const ind = certificates.parties.ind;
    const record = await signed();
    const header = encodeJwsHeader({ alg: 'ES256', x5c: [new X509Certificate(readFileSync(ind.certificatePath)).raw.toString('base64')] });
    const input = jwsSigningInput(header, envelopeSigningPayload(record.envelope, record.key, record.payload));
    const signature = sign('sha256', input, { key: createPrivateKey(readFileSync(ind.privateKeyPath)), dsaEncoding: 'ieee-p1363' });

    const check = verifier.verify({ ...record, signature: encodeDetachedJws(header, signature) });

    await expect(check).rejects.toThrow(/signed by party 00000001812345670000 but claims source party 00000001999999990000/);
  });

  it('rejects a genuine party that holds none of the topic publisher roles', async () => {
    const ind = EnvelopeSigner.fromFiles(certificates.parties.ind);
    expect(await rejection(verifier.verify(await signed(ind)))).toBe('UNAUTHORISED_PUBLISHER');
  });

  it('rejects a signature made with a certificate that is no longer valid', async () => {
    const later = new EnvelopeVerifier(
      CertificateTrust.fromCaFile(certificates.caCertificatePath),
      PartyDirectory.fromFile(DEV_PARTY_DIRECTORY_FILE),
      () => new Date('2045-01-01T00:00:00Z'),
    );
    await expect(later.verify(await signed())).rejects.toThrow(/not valid at 2045/);
  });

  it('rejects an unsigned event', async () => {
    expect(await rejection(verifier.verify({ ...(await signed()), signature: undefined }))).toBe('BAD_SIGNATURE');
  });

  it('refuses to sign for a party other than the one in its certificate', async () => {
    const envelope: EventEnvelope = { ...(await signed()).envelope, sourcePartyOin: '00000001812345670000' };
    await expect(hub.sign(envelope, 'case-7', Buffer.alloc(0))).rejects.toThrow(/Cannot sign for party 00000001812345670000/);
  });

  describe('batch signatures: one signature over a Merkle root, an inclusion proof per record', () => {
    const facts: CaseFact[] = Array.from({ length: 7 }, (_, index) => ({ caseId: `case-${index % 3}`, sequence: index + 1 }));

    async function signedBatch() {
      const records = await buildSignedRecords(topic, facts, hub);
      return records.map((record) => ({
        envelope: record.envelope,
        signature: record.headers['welkom-signature'],
        proof: record.headers['welkom-signature-proof'],
        key: record.key,
        payload: record.value,
        topic,
      }));
    }

    const freshVerifier = () =>
      new EnvelopeVerifier(CertificateTrust.fromCaFile(certificates.caCertificatePath), PartyDirectory.fromFile(DEV_PARTY_DIRECTORY_FILE));

    it('signs a batch once, and every record verifies on its own, with nothing else of its batch at hand', async () => {
      const batch = await signedBatch();
      expect(new Set(batch.map((record) => record.signature)).size).toBe(1);
      expect(batch.every((record) => record.proof !== undefined)).toBe(true);
      for (const record of batch) await expect(freshVerifier().verify(record)).resolves.toBeUndefined();
      await expect(Promise.all(batch.map((record) => verifier.verify(record)))).resolves.toHaveLength(7);
    });

    it.each<[string, (record: Awaited<ReturnType<typeof signedBatch>>[number]) => object]>([
      ['payload', () => ({ payload: Buffer.from(topic.codec.encode({ caseId: 'case-1', sequence: 99 }).finish()) })],
      ['key', () => ({ key: 'case-9' })],
      ['event id', (record) => ({ envelope: { ...record.envelope, eventId: '11111111-1111-4111-8111-111111111111' } })],
    ])('rejects a batch record whose %s was changed, after its batch was verified', async (_field, change) => {
      const batch = await signedBatch();
      await verifier.verify(batch[0]);
      expect(await rejection(verifier.verify({ ...batch[4], ...change(batch[4]) }))).toBe('BAD_SIGNATURE');
    });

    it("rejects a batch record without its proof, with another record's proof, or with a proof of another size", async () => {
      const batch = await signedBatch();
      await verifier.verify(batch[0]);
      expect(await rejection(verifier.verify({ ...batch[2], proof: undefined }))).toBe('BAD_SIGNATURE');
      expect(await rejection(verifier.verify({ ...batch[2], proof: batch[3].proof }))).toBe('BAD_SIGNATURE');
      const [index, , hashes] = batch[2].proof.split('.');
      expect(await rejection(verifier.verify({ ...batch[2], proof: `${index}.8.${hashes}` }))).toBe('BAD_SIGNATURE');
    });

    it('rejects a proof beside a single-record signature, and a batch signature offered for a text', async () => {
      const [batch, single] = [await signedBatch(), await signed()];
      expect(await rejection(verifier.verify({ ...single, proof: batch[0].proof }))).toBe('BAD_SIGNATURE');
      await expect(verifier.verifyText(batch[0].signature, '{"merkleRoot":"x","size":7}')).rejects.toThrow(/not as part of a batch/);
    });

    it('signs a single record as before, without a proof', async () => {
      const [record] = await buildSignedRecords(topic, [fact], hub);
      expect(record.headers['welkom-signature-proof']).toBeUndefined();
    });
  });

  describe('signers named by thumbprint (x5t#S256) through the signing-certificate topic', () => {
    const kafka = createKafkaClient({ clientId: `signing-directory-${newRunId()}`, ...testKafka() });
    const byThumbprint = (certificates: SigningCertificateDirectory) =>
      new EnvelopeVerifier(
        CertificateTrust.fromCaFile(testInfrastructure().certificates.caCertificatePath),
        PartyDirectory.fromFile(DEV_PARTY_DIRECTORY_FILE),
        undefined,
        certificates,
      );
    // A directory lookup reads the topic through a throwaway consumer group: seconds, not milliseconds.
    const LOOKUP_TIMEOUT_MS = 60_000;

    beforeAll(() => ensureTopics(kafka, [TOPICS.signingCertificates]), LOOKUP_TIMEOUT_MS);

    it(
      'accepts an event whose signer registered its certificate, with a header under a fifth of the x5c one',
      async () => {
        const signer = EnvelopeSigner.fromFiles(certificates.parties.hub, 'x5t#S256');
        await new SigningCertificateDirectory(kafka).register(signer.certificateChain);
        // A fresh directory, as in another service: it finds the certificate on the topic.
        const record = await signed(signer);
        await expect(byThumbprint(new SigningCertificateDirectory(kafka)).verify(record)).resolves.toBeUndefined();
        const withChain = await signed(hub);
        expect(record.signature.length * 5).toBeLessThan(withChain.signature.length);
      },
      LOOKUP_TIMEOUT_MS,
    );

    it(
      'rejects an event whose thumbprint nobody registered',
      async () => {
        const record = await signed(EnvelopeSigner.fromFiles(certificates.parties.hub, 'x5t#S256'));
        const unknown = certificateThumbprint(Buffer.from(`never registered ${newRunId()}`));
        const header = Buffer.from(JSON.stringify({ alg: 'ES256', 'x5t#S256': unknown })).toString('base64url');
        const check = byThumbprint(new SigningCertificateDirectory(kafka)).verify({
          ...record,
          signature: record.signature?.replace(/^[^.]+/, header),
        });
        await expect(check).rejects.toThrow(/no signing certificate is registered under x5t#S256/);
      },
      LOOKUP_TIMEOUT_MS,
    );

    it(
      'does not believe a directory entry whose certificate is not the one its thumbprint names',
      async () => {
        const signer = EnvelopeSigner.fromFiles(certificates.parties.hub, 'x5t#S256');
        const ind = EnvelopeSigner.fromFiles(certificates.parties.ind);
        // Someone with write access to the topic files the IND's certificate under a made-up thumbprint.
        const planted = certificateThumbprint(Buffer.from(`planted ${newRunId()}`));
        const producer = createReliableProducer(kafka);
        await producer.connect();
        const value = Buffer.from(
          SigningCertificate.encode({ thumbprintSha256: planted, chain: [Buffer.from(ind.certificateChain[0], 'base64')] }).finish(),
        );
        await producer.send({ topic: TOPICS.signingCertificates.name, acks: -1, messages: [{ key: planted, value }] });
        await producer.disconnect();
        const record = await signed(signer);
        const forged = {
          ...record,
          signature: record.signature.replace(
            /^[^.]+/,
            Buffer.from(JSON.stringify({ alg: 'ES256', 'x5t#S256': planted })).toString('base64url'),
          ),
        };

        expect(await rejection(byThumbprint(new SigningCertificateDirectory(kafka)).verify(forged))).toBe('BAD_SIGNATURE');
      },
      LOOKUP_TIMEOUT_MS,
    );

    it(
      'rejects a registered certificate from a CA the parties do not share',
      async () => {
        const directory = join(certificates.caCertificatePath, '..', `untrusted-registered-${newRunId()}`);
        try {
          const untrusted = await ensureUntrustedCertificates(directory, [{ key: 'hub', oin: HUB_OIN, name: 'Welkom Hub (impostor)' }]);
          const impostor = EnvelopeSigner.fromFiles(untrusted.parties.hub, 'x5t#S256');
          await new SigningCertificateDirectory(kafka).register(impostor.certificateChain);
          const check = byThumbprint(new SigningCertificateDirectory(kafka)).verify(await signed(impostor));
          await expect(check).rejects.toThrow(/does not chain to a trusted party CA/);
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      },
      LOOKUP_TIMEOUT_MS,
    );

    it(
      'without a directory, refuses a signer named by thumbprint',
      async () => {
        const record = await signed(EnvelopeSigner.fromFiles(certificates.parties.hub, 'x5t#S256'));
        await expect(verifier.verify(record)).rejects.toThrow(/no certificate directory/);
      },
      LOOKUP_TIMEOUT_MS,
    );
  });
});
