import { Client } from 'pg';
import { AUDIT_CONTRACT } from '@welkom/contracts';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { roleOf, serviceRoleNames } from '@welkom/persistence';
import { INSUFFICIENT_PRIVILEGE, sqlStateOf } from '@welkom/testing';
import { call, type HubUnderTest, startHubUnderTest, testBsn } from './hub-test-harness';

jest.setTimeout(120_000);

describe('least-privilege database roles: the hub runs as a role that cannot rewrite its audit trail', () => {
  let hub: HubUnderTest;
  let asService: Client;
  let asAdministrator: Client;

  beforeAll(async () => {
    hub = await startHubUnderTest('db-roles');
    // Audited by the hub under its service role: a subject-access read appends to the chain.
    await call(
      hub
        .client<AuditServiceClient>(AUDIT_CONTRACT, 'operator.anna.devries')
        .listSubjectAccess({ subject: { bsn: testBsn(93_001) }, pageSize: 0, pageToken: '', purpose: '' }),
    );
    asService = new Client({ connectionString: hub.serviceDatabaseUrl });
    asAdministrator = new Client({ connectionString: hub.databaseUrl });
    await Promise.all([asService.connect(), asAdministrator.connect()]);
  });

  afterAll(async () => {
    await Promise.all([asService?.end(), asAdministrator?.end()]);
    await hub?.stop();
  });

  it('runs the hub as its service role, with the tables owned by the owner role that migrated them', async () => {
    const roles = serviceRoleNames('hub');
    expect(roleOf(hub.serviceDatabaseUrl)).toBe(roles.service);
    const owners = await asAdministrator.query<{ tableowner: string }>(
      `SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`,
    );
    expect(owners.rows).toEqual([{ tableowner: roles.owner }]);
    const sessions = await asAdministrator.query<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hub'`,
    );
    expect(sessions.rows).toEqual([{ usename: roles.service }]);
  });

  it('lets the service role read and append audit entries, and nothing more', async () => {
    const { rows } = await asService.query<{ entries: number }>('SELECT count(*)::int AS entries FROM audit_entry');
    expect(rows[0].entries).toBeGreaterThan(0);
    const before = await asAdministrator.query('SELECT * FROM audit_entry ORDER BY sequence');

    expect(await sqlStateOf(asService, 'ALTER TABLE audit_entry DISABLE TRIGGER USER')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'ALTER TABLE audit_chain_head DISABLE TRIGGER USER')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'ALTER TABLE audit_entry ADD COLUMN note text')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'DROP TRIGGER audit_chain_head_no_rewind ON audit_chain_head')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, `UPDATE audit_entry SET purpose = 'rewritten' WHERE sequence = 1`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'DELETE FROM audit_entry WHERE sequence = 1')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'TRUNCATE audit_entry')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'CREATE TABLE audit_entry_copy (sequence bigint)')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'DELETE FROM messaging_dead_letter_replay')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'DELETE FROM migrations')).toBe(INSUFFICIENT_PRIVILEGE);

    expect((await asAdministrator.query('SELECT * FROM audit_entry ORDER BY sequence')).rows).toEqual(before.rows);
  });
});
