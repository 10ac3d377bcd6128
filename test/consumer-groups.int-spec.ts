import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { buildSignedRecord, consumerGroupOf, createKafkaClient, EnvelopeSigner } from '@welkom/messaging';
import { eventually, serviceRun, type ServiceUnderTest, testKafka } from '@welkom/testing';

jest.setTimeout(180_000);

const LEIDEN_OIN = '00000003281234560000';
const DELFT_OIN = '00000003270987650000';
const STATUS_TOPIC = TOPICS.applicationStatusChanged.name;
// Three statuses per application, in this order: per-key order is part of what the groups must keep.
const STATUSES = [
  ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
  ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING,
  ApplicationStatus.APPLICATION_STATUS_GRANTED,
];
// Never called: status events need neither the hub nor the IND's gRPC side.
const UNUSED_HUB = '127.0.0.1:9';

const run = serviceRun('consumer_groups');
const kafka = () => createKafkaClient({ clientId: `consumer-groups-spec-${randomUUID()}`, ...testKafka(run.infrastructure) });

/** Status events as the IND publishes them, for fresh applications sponsored by `sponsorOin`. */
async function publishStatuses(sponsorOin: string, applications: number): Promise<string[]> {
  const signer = EnvelopeSigner.fromFiles(run.infrastructure.certificates.parties.ind);
  const refs = Array.from({ length: applications }, () => randomUUID());
  const messages = [];
  for (const status of STATUSES) {
    for (const applicationRef of refs) {
      const payload: ApplicationStatusChanged = {
        applicationRef,
        subject: undefined,
        category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
        status,
        citizenship: 'JP',
        sponsorType: SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR,
        sponsor: { oin: sponsorOin, subUnit: '' },
        submittedOn: '2026-11-02',
        decidedOn: '',
        reasonCode: '',
        occurredAt: undefined,
        collectionPoint: '',
        arrival: undefined,
      };
      const record = await buildSignedRecord(TOPICS.applicationStatusChanged, payload, signer);
      messages.push({ key: record.key, value: record.value, headers: record.headers });
    }
  }
  const producer = kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: STATUS_TOPIC, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
  return refs;
}

interface StatusRows {
  rows: number;
  distinctEvents: number;
  /** Applications whose statuses were stored in another order than published. */
  outOfOrder: number;
}

async function statusRows(databaseUrl: string, refs: string[]): Promise<StatusRows> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ref: string; statuses: string[]; events: number }>(
      `SELECT ind_application_ref AS ref, array_agg(status ORDER BY id) AS statuses, count(DISTINCT event_id)::int AS events
         FROM university_application_status WHERE ind_application_ref = ANY($1::uuid[]) GROUP BY ind_application_ref`,
      [refs],
    );
    return {
      rows: rows.reduce((sum, row) => sum + row.statuses.length, 0),
      distinctEvents: rows.reduce((sum, row) => sum + row.events, 0),
      outOfOrder: rows.filter((row) => row.statuses.join() !== STATUSES.slice(0, row.statuses.length).join()).length,
    };
  } finally {
    await client.end();
  }
}

/** True once `group` has committed every record on the status topic. */
async function groupCaughtUp(groupId: string): Promise<true | undefined> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const end = (await admin.fetchTopicOffsets(STATUS_TOPIC)).reduce((sum, { high }) => sum + Number(high), 0);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [STATUS_TOPIC] });
    const committed = offsets.partitions.reduce((sum, { offset }) => sum + Math.max(0, Number(offset)), 0);
    return committed === end ? true : undefined;
  } finally {
    await admin.disconnect();
  }
}

async function membersOf(groupId: string): Promise<number> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.state === 'Stable' ? groups[0].members.length : 0;
  } finally {
    await admin.disconnect();
  }
}

/** Status events a running connector took from Kafka, read from its own /metrics. */
async function consumedBy(service: ServiceUnderTest, groupId: string): Promise<number> {
  const text = await (await fetch(`${service.httpAddress}/metrics`)).text();
  const line = text
    .split('\n')
    .find((each) => each.startsWith('welkom_events_consumed_total{') && each.includes(STATUS_TOPIC) && each.includes(`"${groupId}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('consumer groups per service and party', () => {
  let leiden: ServiceUnderTest;
  let delft: ServiceUnderTest;
  const leidenGroup = consumerGroupOf('university', LEIDEN_OIN);
  const delftGroup = consumerGroupOf('university', DELFT_OIN);

  beforeAll(async () => {
    leiden = await run.start({ app: 'university', party: 'university-leiden', env: { HUB_GRPC_ADDRESS: UNUSED_HUB } });
    delft = await run.start({ app: 'university', party: 'university-delft', env: { HUB_GRPC_ADDRESS: UNUSED_HUB } });
    await eventually(async () => ((await membersOf(leidenGroup)) === 1 && (await membersOf(delftGroup)) === 1 ? true : undefined), 60_000);
  });

  afterAll(() => run.stop());

  it('gives two universities on one cluster every status event about their own applications and none of the other', async () => {
    const leidenRefs = await publishStatuses(LEIDEN_OIN, 30);
    const delftRefs = await publishStatuses(DELFT_OIN, 30);

    // Each group reads the whole topic: a shared group would split the partitions and each would miss some.
    await eventually(async () => ((await groupCaughtUp(leidenGroup)) && (await groupCaughtUp(delftGroup)) ? true : undefined), 60_000);
    const counts = {
      leidenOwn: await statusRows(leiden.databaseUrl, leidenRefs),
      leidenOthers: await statusRows(leiden.databaseUrl, delftRefs),
      delftOwn: await statusRows(delft.databaseUrl, delftRefs),
      delftOthers: await statusRows(delft.databaseUrl, leidenRefs),
    };
    console.log(`two parties, 90 status events each: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      leidenOwn: { rows: 90, distinctEvents: 90, outOfOrder: 0 },
      leidenOthers: { rows: 0, distinctEvents: 0, outOfOrder: 0 },
      delftOwn: { rows: 90, distinctEvents: 90, outOfOrder: 0 },
      delftOthers: { rows: 0, distinctEvents: 0, outOfOrder: 0 },
    });
  });

  it('splits the work between two replicas for one party and applies each event once', async () => {
    // A second Leiden instance on Leiden's database, as a scaled-out deployment runs it.
    const replica = await run.start({
      app: 'university',
      party: 'university-leiden',
      env: { HUB_GRPC_ADDRESS: UNUSED_HUB, DATABASE_URL: leiden.databaseUrl },
    });
    await eventually(async () => ((await membersOf(leidenGroup)) === 2 ? true : undefined), 60_000);
    const consumedBefore = [await consumedBy(leiden, leidenGroup), await consumedBy(replica, leidenGroup)];

    const refs = await publishStatuses(LEIDEN_OIN, 60);

    await eventually(async () => ((await groupCaughtUp(leidenGroup)) ? true : undefined), 60_000);
    const consumed = [
      (await consumedBy(leiden, leidenGroup)) - consumedBefore[0],
      (await consumedBy(replica, leidenGroup)) - consumedBefore[1],
    ];
    const stored = await statusRows(leiden.databaseUrl, refs);
    console.log(`two Leiden replicas, 180 status events: consumed ${consumed.join(' + ')}; ${JSON.stringify(stored)}`);
    expect(stored).toEqual({ rows: 180, distinctEvents: 180, outOfOrder: 0 });
    // Both replicas took part, and between them they took every record once: the group was stable throughout,
    // and only this spec publishes status events while it runs (the counts are per process, not per event).
    expect(consumed[0]).toBeGreaterThan(0);
    expect(consumed[1]).toBeGreaterThan(0);
    expect(consumed[0] + consumed[1]).toBe(180);
  });
});
