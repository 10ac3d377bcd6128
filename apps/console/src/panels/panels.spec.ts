import type { IndFigures } from '../upstream/upstream-documents';
import { parsePrometheusText } from '../upstream/prometheus-text';
import { auditPanel, type SignedCheckpoint } from './audit.panel';
import { chainOverviewPanel } from './chain-overview.panel';
import { consularCapacityPanel } from './consular-capacity.panel';
import { type DeadLetterEntry, deadLettersPanel } from './dead-letters.panel';
import { deadlinesPanel } from './deadlines.panel';
import { euFeedPanel } from './eu-feed.panel';
import { onceOnlyPanel } from './once-only.panel';

const IND: IndFigures = {
  today: '2026-12-06',
  atRiskWithinDays: 5,
  stages: [
    { category: 'PERMIT_CATEGORY_STUDENT', status: 'APPLICATION_STATUS_GRANTED', cases: 3 },
    { category: 'PERMIT_CATEGORY_STUDENT', status: 'APPLICATION_STATUS_EVIDENCE_PENDING', cases: 2 },
    { category: 'PERMIT_CATEGORY_RESEARCHER', status: 'APPLICATION_STATUS_SUBMITTED', cases: 1 },
    { category: 'PERMIT_CATEGORY_RESEARCHER', status: 'APPLICATION_STATUS_REFUSED', cases: 4 },
  ],
  deadlines: [
    { kind: 'STATUTORY_DECISION', nature: 'LEGAL', onTrack: 1, atRisk: 1, breached: 1 },
    { kind: 'RECOGNISED_SPONSOR_TARGET', nature: 'SERVICE_TARGET', onTrack: 0, atRisk: 1, breached: 2 },
    { kind: 'EU_30_DAY_AMBITION', nature: 'INDICATIVE', onTrack: 3, atRisk: 0, breached: 0 },
  ],
  evidenceRequests: [
    { evidenceType: 'EVIDENCE_TYPE_ENROLMENT_PROOF', state: 'PENDING', requests: 2 },
    { evidenceType: 'EVIDENCE_TYPE_ENROLMENT_PROOF', state: 'COMPLETED', requests: 5 },
    { evidenceType: 'EVIDENCE_TYPE_HOSTING_AGREEMENT', state: 'PENDING', requests: 1 },
  ],
};

describe('chain overview', () => {
  const topics = [
    { name: 'welkom.ind.application-status.v1', publisherRoles: ['IND'], consumerRoles: ['HUB_OPERATOR', 'RVO', 'IND'] },
    { name: 'welkom.evidence-source.issued.v1', publisherRoles: ['UNIVERSITY', 'RVO'], consumerRoles: ['HUB_OPERATOR'] },
    { name: 'welkom.ind.unused.v1', publisherRoles: ['IND'], consumerRoles: ['UWV'] },
  ];
  const counts = new Map([
    ['welkom.ind.application-status.v1', 10],
    ['welkom.evidence-source.issued.v1', 4],
    ['welkom.ind.unused.v1', 0],
  ]);
  const panel = chainOverviewPanel(IND, topics, counts);

  it('counts cases per category, open and decided', () => {
    expect(panel.totalCases).toBe(10);
    expect(panel.decidedCases).toBe(7);
    expect(panel.categories).toEqual([
      { category: 'PERMIT_CATEGORY_RESEARCHER', label: 'researcher', cases: 5, open: 1, decided: 4 },
      { category: 'PERMIT_CATEGORY_STUDENT', label: 'student', cases: 5, open: 2, decided: 3 },
    ]);
    expect(panel.statuses.map((status) => status.label)).toEqual(['evidence pending', 'granted', 'refused', 'submitted']);
  });

  it('links publisher to consumer roles by the records on their topics, leaving out a role reading its own and empty topics', () => {
    expect(panel.flow.links).toEqual([
      { from: 'IND', to: 'HUB_OPERATOR', records: 10, topics: ['welkom.ind.application-status.v1'] },
      { from: 'IND', to: 'RVO', records: 10, topics: ['welkom.ind.application-status.v1'] },
      { from: 'UNIVERSITY', to: 'HUB_OPERATOR', records: 4, topics: ['welkom.evidence-source.issued.v1'] },
      { from: 'RVO', to: 'HUB_OPERATOR', records: 4, topics: ['welkom.evidence-source.issued.v1'] },
    ]);
    expect(panel.flow.nodes).toEqual([
      { role: 'HUB_OPERATOR', records: 0 },
      { role: 'IND', records: 20 },
      { role: 'RVO', records: 4 },
      { role: 'UNIVERSITY', records: 4 },
    ]);
  });
});

describe('deadlines', () => {
  it('names the clocks and counts the open cases on the statutory one', () => {
    const panel = deadlinesPanel(IND);
    expect(panel.openCases).toBe(3);
    expect(panel.clocks.map((clock) => [clock.label, clock.atRisk, clock.breached])).toEqual([
      ['statutory decision period', 1, 1],
      ['recognised-sponsor target', 1, 2],
      ['EU 30 days', 0, 0],
    ]);
  });
});

describe('once-only', () => {
  const metrics = parsePrometheusText(`
welkom_hub_documents_not_asked_again_total{evidence_type="EVIDENCE_TYPE_ENROLMENT_PROOF",answered_from="vault"} 3
welkom_hub_documents_not_asked_again_total{evidence_type="EVIDENCE_TYPE_ENROLMENT_PROOF",answered_from="source"} 2
welkom_hub_documents_not_asked_again_total{evidence_type="EVIDENCE_TYPE_TUITION_PAYMENT_STATUS",answered_from="vault"} 4
welkom_hub_evidence_requests_total{evidence_type="EVIDENCE_TYPE_ENROLMENT_PROOF",outcome="disclosed"} 7
welkom_hub_evidence_requests_total{evidence_type="EVIDENCE_TYPE_HOSTING_AGREEMENT",outcome="pending"} 1
welkom_hub_evidence_requests_total{evidence_type="EVIDENCE_TYPE_ENROLMENT_PROOF",outcome="pending"} 2
`);
  const panel = onceOnlyPanel(metrics, IND);

  it('splits the documents not asked again into reused and requested from the source', () => {
    expect([panel.notAskedAgain, panel.reusedFromVault, panel.requestedFromSource]).toEqual([9, 7, 2]);
    expect(panel.perEvidenceType).toEqual([
      { evidenceType: 'EVIDENCE_TYPE_ENROLMENT_PROOF', label: 'enrolment proof', reusedFromVault: 3, requestedFromSource: 2 },
      { evidenceType: 'EVIDENCE_TYPE_TUITION_PAYMENT_STATUS', label: 'tuition payment status', reusedFromVault: 4, requestedFromSource: 0 },
    ]);
  });

  it('lists the hub outcomes and the IND requests pending per source', () => {
    expect(panel.requestOutcomes).toEqual([
      { outcome: 'disclosed', requests: 7 },
      { outcome: 'pending', requests: 3 },
    ]);
    expect(panel.pendingPerSource).toEqual([
      { evidenceType: 'EVIDENCE_TYPE_ENROLMENT_PROOF', label: 'enrolment proof', pending: 2 },
      { evidenceType: 'EVIDENCE_TYPE_HOSTING_AGREEMENT', label: 'hosting agreement', pending: 1 },
    ]);
    expect(panel.pendingTotal).toBe(3);
  });
});

describe('dead letters', () => {
  const entry = (id: string, sourceTopic: string, errorClass: string, at: string): DeadLetterEntry => ({
    id,
    sourceTopic,
    errorClass,
    reason: `${errorClass} because`,
    consumerGroup: 'ind.000',
    deadLetteredAt: at,
    eventType: null,
  });
  const entries = [
    entry('a', 'welkom.x.v1', 'SCHEMA_VIOLATION', '2026-12-06T10:00:00.000Z'),
    entry('b', 'welkom.x.v1', 'MALFORMED_ENVELOPE', '2026-12-06T12:00:00.000Z'),
    entry('c', 'welkom.y.v1', 'SCHEMA_VIOLATION', '2026-12-06T11:00:00.000Z'),
    entry('d', 'welkom.x.v1', 'SCHEMA_VIOLATION', ''),
  ];

  it('counts per topic and reason and lists the latest first', () => {
    const panel = deadLettersPanel(entries, 2);
    expect(panel.total).toBe(4);
    expect(panel.byTopic).toEqual([
      {
        sourceTopic: 'welkom.x.v1',
        total: 3,
        byReason: [
          { errorClass: 'SCHEMA_VIOLATION', count: 2 },
          { errorClass: 'MALFORMED_ENVELOPE', count: 1 },
        ],
      },
      { sourceTopic: 'welkom.y.v1', total: 1, byReason: [{ errorClass: 'SCHEMA_VIOLATION', count: 1 }] },
    ]);
    expect(panel.byReason).toEqual([
      { errorClass: 'SCHEMA_VIOLATION', count: 3 },
      { errorClass: 'MALFORMED_ENVELOPE', count: 1 },
    ]);
    expect(panel.latest.map((each) => each.id)).toEqual(['b', 'c']);
  });
});

describe('audit', () => {
  const HUB = '00000001999999990000';
  const at = new Date('2026-12-06T12:00:00Z');
  const checkpoint = (sequence: string, entryHash: string, offset: string, signerOin = HUB): SignedCheckpoint => ({
    chainId: 'chain-1',
    sequence,
    entryHash,
    takenAt: '2026-12-06T11:00:00.000Z',
    signerOin,
    offset,
  });

  it('is anchored when the hub signed every checkpoint and heads only move forward', () => {
    const panel = auditPanel([checkpoint('10', 'a'.repeat(64), '0'), checkpoint('25', 'b'.repeat(64), '1')], [], HUB, at);
    expect(panel.status).toBe('ANCHORED');
    expect(panel.chains).toEqual([
      { chainId: 'chain-1', checkpoints: 2, latest: { sequence: '25', entryHash: 'b'.repeat(64), takenAt: '2026-12-06T11:00:00.000Z' } },
    ]);
    expect(panel.verifiedAt).toBe('2026-12-06T12:00:00.000Z');
  });

  it('says so when nothing was signed yet', () => {
    expect(auditPanel([], [], HUB, at).status).toBe('NO_CHECKPOINT_YET');
  });

  it.each([
    [
      'a head that moved back',
      [checkpoint('25', 'b'.repeat(64), '0'), checkpoint('10', 'a'.repeat(64), '1')],
      [],
      'names entry 10, after one naming 25',
    ],
    [
      'one entry signed with two hashes',
      [checkpoint('10', 'a'.repeat(64), '0'), checkpoint('10', 'c'.repeat(64), '1')],
      [],
      'two different hashes',
    ],
    ['a checkpoint signed by another party', [checkpoint('10', 'a'.repeat(64), '0', '00000001812345670000')], [], 'not the hub'],
    ['a record that does not verify', [], [{ offset: '3', reason: 'BAD_SIGNATURE: nope' }], 'offset 3 does not verify'],
  ])('is not intact with %s', (_case, checkpoints, refused, problem) => {
    const panel = auditPanel(checkpoints, refused, HUB, at);
    expect(panel.status).toBe('NOT_INTACT');
    expect(panel.problems.join('\n')).toContain(problem);
  });
});

describe('consular capacity', () => {
  it('totals the posts', () => {
    const panel = consularCapacityPanel({
      referenceVersion: 'posts.1',
      posts: [
        { post: 'nairobi', slotsOffered: 3, slotsUsed: 2, waitingDaysP50: 4, waitingDaysP90: 9, pooledToOtherPosts: 1 },
        { post: 'lagos', slotsOffered: 1, slotsUsed: 0, waitingDaysP50: null, waitingDaysP90: null, pooledToOtherPosts: 0 },
      ],
    });
    expect([panel.slotsOffered, panel.slotsUsed, panel.pooledToOtherPosts]).toEqual([4, 2, 1]);
  });
});

describe('EU feed', () => {
  it('lays out the published table and the live feed per group and year, counting withheld cells', () => {
    const panel = euFeedPanel(
      {
        source: 'IND',
        figures: [
          { group: 'STUDENTS', year: 2015, applications: 15220, decisions: 15170, grantRatePercent: 100 },
          { group: 'KNOWLEDGE_MIGRANTS', year: 2016, applications: 13900, decisions: 13900, grantRatePercent: 93 },
        ],
      },
      {
        asOf: '2026-12-06',
        series: [
          { group: 'STUDENTS', year: 2026, applications: 12, decisions: null },
          { group: 'RESEARCHERS', year: 2026, applications: null, decisions: null },
        ],
      },
    );
    expect(panel.published.years).toEqual([2015, 2016]);
    expect(panel.published.groups).toEqual([
      { group: 'KNOWLEDGE_MIGRANTS', applications: [null, 13900], decisions: [null, 13900] },
      { group: 'STUDENTS', applications: [15220, null], decisions: [15170, null] },
    ]);
    expect(panel.published.applications).toBe(29120);
    expect(panel.live).toMatchObject({ asOf: '2026-12-06', years: [2026], applications: 12, withheldCells: 3 });
  });
});
