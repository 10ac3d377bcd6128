import { join } from 'node:path';
import { Client } from 'pg';
import { roleOf, serviceRoleNames } from '@welkom/persistence';
import { INSUFFICIENT_PRIVILEGE, serviceRun, sqlStateOf, type ServiceUnderTest } from '@welkom/testing';

jest.setTimeout(120_000);

const REPO_ROOT = join(__dirname, '..', '..', '..');

describe("least-privilege database roles: RVO's facilitator change log is append-only for the service", () => {
  const run = serviceRun('rvo_roles');
  let rvo: ServiceUnderTest;
  let asService: Client;

  beforeAll(async () => {
    const hub = await run.start({
      app: 'hub',
      party: 'hub',
      env: {
        PARTY_SEED_FILE: join(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json'),
        SUBJECT_PSEUDONYM_SECRET: 'integration-test-secret-0123456789abcdef',
      },
    });
    rvo = await run.start({ app: 'rvo', party: 'rvo', env: { HUB_GRPC_ADDRESS: hub.grpcAddress } });
    asService = new Client({ connectionString: rvo.serviceDatabaseUrl });
    await asService.connect();
  });

  afterAll(async () => {
    await asService?.end();
    await run.stop();
  });

  it('runs RVO as its service role, which may read the change log but not rewrite it, alter it or switch its guards off', async () => {
    expect(roleOf(rvo.serviceDatabaseUrl)).toBe(serviceRoleNames('rvo').service);
    expect(await sqlStateOf(asService, 'SELECT count(*) FROM rvo_facilitator_change')).toBe('no error');
    expect(await sqlStateOf(asService, `UPDATE rvo_facilitator_change SET sequence = sequence`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'DELETE FROM rvo_facilitator_change')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'TRUNCATE rvo_facilitator_change')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'ALTER TABLE rvo_facilitator_change DISABLE TRIGGER ALL')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await sqlStateOf(asService, 'ALTER TABLE rvo_facilitator_change ADD COLUMN note text')).toBe(INSUFFICIENT_PRIVILEGE);
    // What the service does need stays open: its other tables.
    expect(await sqlStateOf(asService, 'SELECT count(*) FROM rvo_facilitator')).toBe('no error');
  });
});
