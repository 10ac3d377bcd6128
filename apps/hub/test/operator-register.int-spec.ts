import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { Client } from 'pg';
import { AUDIT_CONTRACT, GRANT_CONTRACT, OPERATOR_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { GrantServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import type { OperatorServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/operator';
import { ensureDevOperatorCertificates, operatorCertificateKey, readDevOperators, readDevParties } from '@welkom/infrastructure';
import { serviceRun, type ServiceRun, type ServiceUnderTest, testInfrastructure } from '@welkom/testing';
import { call, callError, DEV_GRANTS_FILE, DEV_PARTIES_FILE, OPERATOR, TEST_PSEUDONYM_SECRET } from './hub-test-harness';

jest.setTimeout(180_000);

const UNREGISTERED = operatorCertificateKey('carla.onbekend');

/**
 * Issue 12, over real mTLS: an operator certificate of the right CA is not enough. The hub accepts it only for a
 * person in its operator register (deploy/hub/operators.v1.json) who has not been revoked, and a revocation, made
 * by another operator, holds from the next call on and across a restart.
 */
describe('the operator register and revocation', () => {
  let run: ServiceRun;
  let hub: ServiceUnderTest;
  const grants = (key: string) => hub.client<GrantServiceClient>(GRANT_CONTRACT, key);
  const audit = (key: string) => hub.client<AuditServiceClient>(AUDIT_CONTRACT, key);
  const operators = (key: string) => hub.client<OperatorServiceClient>(OPERATOR_CONTRACT, key);
  const listGrants = (key: string) => grants(key).listGrants({ evidenceType: EvidenceType.EVIDENCE_TYPE_UNSPECIFIED });

  beforeAll(async () => {
    // A personal certificate of the development CA, with the operator key usage and the hub's OIN, for a person
    // the register does not list; issued in a directory of its own so `.cache/certs` keeps only the register's.
    const hubParty = readDevParties().find((party) => party.key === 'hub');
    if (!hubParty) throw new Error('deploy/parties/dev-parties.json has no hub party');
    const dir = mkdtempSync(join(tmpdir(), 'unregistered-operator-'));
    const devCertificates = dirname(testInfrastructure().certificates.caCertificatePath);
    for (const file of ['ca.crt', 'ca.key']) copyFileSync(join(devCertificates, file), join(dir, file));
    const unregistered = await ensureDevOperatorCertificates(dir, hubParty, [{ id: 'carla.onbekend', name: 'Carla Onbekend' }]);
    run = serviceRun('operator-register', { extraParties: { [UNREGISTERED]: unregistered.operators[UNREGISTERED] } });
    hub = await run.start({
      app: 'hub',
      party: 'hub',
      env: { PARTY_SEED_FILE: DEV_PARTIES_FILE, GRANT_SEED_FILE: DEV_GRANTS_FILE, SUBJECT_PSEUDONYM_SECRET: TEST_PSEUDONYM_SECRET },
    });
  });

  afterAll(async () => {
    await run?.stop();
  });

  it('ships a register that names exactly the operators `npm run certs` makes certificates for', () => {
    expect(Object.values(OPERATOR).sort()).toEqual(
      readDevOperators()
        .map((operator) => operatorCertificateKey(operator.id))
        .sort(),
    );
  });

  it('refuses an operator certificate whose UID the register does not list, on every operator service', async () => {
    for (const refusal of [
      await callError(listGrants(UNREGISTERED)),
      await callError(audit(UNREGISTERED).verifyAuditChain({ fromSequence: '0', limit: '1', incremental: false })),
      await callError(operators(UNREGISTERED).revokeOperator({ operatorId: 'bram.jansen', reason: 'an outsider tries' })),
    ]) {
      expect(refusal).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'OPERATOR_NOT_REGISTERED' });
    }
    expect(await call(listGrants(OPERATOR.anna))).toHaveProperty('grants');
  });

  it('refuses an operator revoking themselves', async () => {
    expect(await callError(operators(OPERATOR.anna).revokeOperator({ operatorId: 'anna.devries', reason: 'trying' }))).toMatchObject({
      code: status.PERMISSION_DENIED,
      reason: 'SELF_REVOCATION',
    });
    expect(await call(listGrants(OPERATOR.anna))).toHaveProperty('grants');
  });

  it('refuses a revoked operator from the next call on, and after a restart of the hub; audits both names', async () => {
    expect(await call(listGrants(OPERATOR.bram))).toHaveProperty('grants');

    const { revocation, alreadyRevoked } = await call(
      operators(OPERATOR.anna).revokeOperator({ operatorId: 'bram.jansen', reason: 'laptop stolen' }),
    );

    expect(alreadyRevoked).toBe(false);
    expect(revocation).toMatchObject({
      operatorId: 'bram.jansen',
      operatorName: 'Bram Jansen (development operator)',
      revokedBy: 'anna.devries',
      revokedByName: 'Anna de Vries (development operator)',
      reason: 'laptop stolen',
    });
    // The same connection the revoked operator used before: nothing about it is cached.
    expect(await callError(listGrants(OPERATOR.bram))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'OPERATOR_REVOKED' });
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      const entries = await db.query<{ sequence: string; actor_operator: string; reason: string }>(
        `SELECT sequence::text, actor_operator, reason FROM audit_entry WHERE action = 'OPERATOR_REVOKED'`,
      );
      expect(entries.rows).toEqual([
        {
          sequence: revocation?.auditSequence,
          actor_operator: 'anna.devries',
          reason:
            'bram.jansen (Bram Jansen (development operator)) revoked by anna.devries (Anna de Vries (development operator)): laptop stolen',
        },
      ]);
    } finally {
      await db.end();
    }

    await hub.restart('stop');

    expect(await callError(listGrants(OPERATOR.bram))).toMatchObject({ code: status.PERMISSION_DENIED, reason: 'OPERATOR_REVOKED' });
    expect(await call(listGrants(OPERATOR.anna))).toHaveProperty('grants');
    // Revoking again answers with the first revocation; the revoked operator cannot undo it by revoking back.
    expect(await call(operators(OPERATOR.anna).revokeOperator({ operatorId: 'bram.jansen', reason: 'again' }))).toMatchObject({
      alreadyRevoked: true,
      revocation: { revokedBy: 'anna.devries', reason: 'laptop stolen' },
    });
    expect(await callError(operators(OPERATOR.bram).revokeOperator({ operatorId: 'anna.devries', reason: 'revenge' }))).toMatchObject({
      reason: 'OPERATOR_REVOKED',
    });
  });

  it('keeps revocations insert-only for the hub service role: it cannot lift one', async () => {
    const db = new Client({ connectionString: hub.serviceDatabaseUrl });
    await db.connect();
    try {
      await expect(db.query(`DELETE FROM operator_revocation WHERE operator_id = 'bram.jansen'`)).rejects.toMatchObject({ code: '42501' });
      await expect(db.query(`UPDATE operator_revocation SET operator_id = 'nobody'`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await db.end();
    }
  });
});
