import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { TOPICS, type TopicKey } from '@welkom/events';
import { WELKOM_SERVICES } from '../deploy/services';

const APPS = path.join(__dirname, '..', 'apps');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

/** Every `@OnEvent(TOPICS.x)` / `@OnEventBatch(TOPICS.x)` in an app's event consumers. */
function subscribedTopics(app: string): TopicKey[] {
  return filesUnder(path.join(APPS, app, 'src'))
    .filter((file) => file.endsWith('.event-consumer.ts'))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@OnEvent(?:Batch)?\(\s*TOPICS\.(\w+)/g)].map((match) => match[1] as TopicKey),
    );
}

describe('topic consumers in the registry', () => {
  it('every app is a service with a party role', () => {
    const apps = readdirSync(APPS, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(apps.map((entry) => entry.name).sort()).toEqual(WELKOM_SERVICES.map((service) => service.name).sort());
  });

  it.each(WELKOM_SERVICES.map((service) => [service.name, service.role] as const))(
    '%s reads only topics whose consumerRoles name its role, so the broker ACLs let it',
    (app, role) => {
      const partyRole = PartyRole[`PARTY_ROLE_${role}` as keyof typeof PartyRole];
      const missing = subscribedTopics(app).filter((topic) => !(TOPICS[topic].consumerRoles ?? []).includes(partyRole));
      expect(missing).toEqual([]);
    },
  );

  it('finds the subscriptions it checks (the scan is not silently empty)', () => {
    expect(subscribedTopics('ind')).toEqual(expect.arrayContaining(['evidenceVerified', 'applicationFiled']));
  });
});
