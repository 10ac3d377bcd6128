import { hkdfSync } from 'node:crypto';
import { Client } from 'pg';
import { EVIDENCE_EXCHANGE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { eventually } from '@welkom/testing';
import { keyIdOf } from '../src/subjects/subject-keyring';
import { call, type HubUnderTest, OIN, startHubUnderTest, TEST_PSEUDONYM_SECRET, testBsn } from './hub-test-harness';

jest.setTimeout(240_000);

const SEALING_1 = 'subject-keys-spec-sealing-key-one-0123456789';
const SEALING_2 = 'subject-keys-spec-sealing-key-two-0123456789';
const FOREIGN_SEALING = 'subject-keys-spec-sealing-key-foreign-01234';
const FOREIGN_PSEUDONYM = 'subject-keys-spec-another-clones-secret-0123';

/** The id the hub gives a configured sealing key (its secret stretched by HKDF, then named by HMAC). */
function sealingKeyId(secret: string): string {
  return keyIdOf('sk', Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'welkom-hub', 'subject-identifier-sealing-v2', 32)));
}

const SUBJECTS: SubjectIdentifier[] = [
  { bsn: testBsn(91_001) },
  { bsn: testBsn(91_002) },
  { passport: { number: 'KEYS12345', issuingCountry: 'KE' } },
  { vNumber: '9012345678' },
];

describe('subject keys with ids: sealing-key rotation and a hub that refuses a database made under other keys', () => {
  let hub: HubUnderTest;
  let db: Client;
  const evidence = () => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, 'ind');
  const leiden = () => hub.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, 'university-leiden');

  async function sealingKeyIds(): Promise<Record<string, number>> {
    const rows = await db.query<{ sealing_key_id: string | null; count: number }>(
      'SELECT sealing_key_id, count(*)::int AS count FROM subject_identifier GROUP BY sealing_key_id',
    );
    return Object.fromEntries(rows.rows.map((row) => [row.sealing_key_id ?? 'NULL', row.count]));
  }

  /** What Leiden, the routed source, is told about each pending request: whom it is about, unsealed. */
  async function identifiersLeidenSees(): Promise<SubjectIdentifier[]> {
    const open = await call(leiden().listOpenEvidenceRequests({ pageSize: 0 }));
    return open.requests.map((request) => request.subjectIdentifier).filter((subject): subject is SubjectIdentifier => !!subject);
  }

  beforeAll(async () => {
    hub = await startHubUnderTest('subject-keys', { SUBJECT_SEALING_KEYS: SEALING_1, SUBJECT_RESEAL_INTERVAL_MS: '200' });
    db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await hub?.stop();
  });

  it('seals under key 1, rotates to key 2, and every identifier is still readable and re-sealed under key 2', async () => {
    for (const subject of SUBJECTS) {
      await call(
        evidence().requestEvidence({
          subject,
          evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
          purpose: 'ADMISSION_STUDY',
          legalBasis: 'Vw 2000 art. 24a',
          explicitRequestByPerson: false,
          subUnit: '',
          responseTimeout: undefined,
          evidenceId: '',
          sourceOin: OIN.leiden,
          question: undefined,
        }),
      );
    }
    expect(await sealingKeyIds()).toEqual({ [sealingKeyId(SEALING_1)]: SUBJECTS.length });
    const before = await identifiersLeidenSees();
    expect(before).toHaveLength(SUBJECTS.length);
    const sealedBefore = (await db.query<{ sealed_identifier: Buffer }>('SELECT sealed_identifier FROM subject_identifier')).rows;

    await hub.process.restart('stop', { SUBJECT_SEALING_KEYS: `${SEALING_2},${SEALING_1}` });
    await eventually(async () => ((await sealingKeyIds())[sealingKeyId(SEALING_2)] === SUBJECTS.length ? true : undefined));
    expect(await sealingKeyIds()).toEqual({ [sealingKeyId(SEALING_2)]: SUBJECTS.length });
    const sealedAfter = (await db.query<{ sealed_identifier: Buffer }>('SELECT sealed_identifier FROM subject_identifier')).rows;
    for (const row of sealedAfter) expect(sealedBefore.some((old) => old.sealed_identifier.equals(row.sealed_identifier))).toBe(false);

    // Key 1 is gone: everything opens under key 2 alone, and reads the same as before.
    await hub.process.restart('stop', { SUBJECT_SEALING_KEYS: SEALING_2 });
    expect(namesOf(await identifiersLeidenSees())).toEqual(namesOf(SUBJECTS));
    expect(namesOf(before)).toEqual(namesOf(SUBJECTS));
  });

  it('refuses to start with a sealing key that does not open the database, in one line naming both key ids', async () => {
    const failure = await hub.process.restart('stop', { SUBJECT_SEALING_KEYS: FOREIGN_SEALING }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const refusal = refusalLines((failure as Error).message);
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toContain(sealingKeyId(SEALING_2));
    expect(refusal[0]).toContain(sealingKeyId(FOREIGN_SEALING));
    expect((failure as Error).message).not.toMatch(/^\s+at /m);
  });

  it("refuses to start with another clone's pseudonym secret, in one line naming both key ids", async () => {
    const failure = await hub.process
      .restart('stop', { SUBJECT_PSEUDONYM_SECRET: FOREIGN_PSEUDONYM, SUBJECT_SEALING_KEYS: SEALING_2 })
      .catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const refusal = refusalLines((failure as Error).message);
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toContain(keyIdOf('pk', Buffer.from(TEST_PSEUDONYM_SECRET, 'utf8')));
    expect(refusal[0]).toContain(keyIdOf('pk', Buffer.from(FOREIGN_PSEUDONYM, 'utf8')));
    expect((failure as Error).message).not.toMatch(/^\s+at /m);

    // With its own keys it starts again and serves what it holds.
    await hub.process.restart('stop', { SUBJECT_SEALING_KEYS: SEALING_2 });
    expect(await identifiersLeidenSees()).toHaveLength(SUBJECTS.length);
  });
});

function refusalLines(output: string): string[] {
  return output.split('\n').filter((line) => line.includes('refuses to start'));
}

/** Who each identifier names, whichever kind it is, in a stable order. */
function namesOf(subjects: SubjectIdentifier[]): string[] {
  return subjects
    .map(
      (subject) =>
        subject.bsn || subject.vNumber || (subject.passport ? `${subject.passport.issuingCountry}:${subject.passport.number}` : ''),
    )
    .sort();
}
