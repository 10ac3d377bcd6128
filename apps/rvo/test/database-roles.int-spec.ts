import { join } from 'node:path';
import { Client } from 'pg';
import { roleOf, serviceRoleNames } from '@welkom/persistence';
import { serviceRun, type ServiceUnderTest } from '@welkom/testing';

jest.setTimeout(120_000);

const REPO_ROOT = join(__dirname, '..', '..', '..');
const INSUFFICIENT_PRIVILEGE = '42501';

async function refusal(db: Client, sql: string): Promise<string> {
  try {
    await db.query(sql);
    return 'no error';
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}

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
    expect(await refusal(asService, 'SELECT count(*) FROM rvo_facilitator_change')).toBe('no error');
    expect(await refusal(asService, `UPDATE rvo_facilitator_change SET sequence = sequence`)).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal(asService, 'DELETE FROM rvo_facilitator_change')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal(asService, 'TRUNCATE rvo_facilitator_change')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal(asService, 'ALTER TABLE rvo_facilitator_change DISABLE TRIGGER ALL')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusal(asService, 'ALTER TABLE rvo_facilitator_change ADD COLUMN note text')).toBe(INSUFFICIENT_PRIVILEGE);
    // What the service does need stays open: its other tables.
    expect(await refusal(asService, 'SELECT count(*) FROM rvo_facilitator')).toBe('no error');
  });
});
