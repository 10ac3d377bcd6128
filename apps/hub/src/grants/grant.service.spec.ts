import { TOPICS } from '@welkom/events';
import type { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import type { EventOutbox } from '@welkom/messaging';
import { strictFake } from '@welkom/testing/strict-fake';
import type { AuditTrailRepository } from '../audit/audit-trail.repository';
import { HubError } from '../hub.errors';
import { assertHubOperator } from '../party-registry/party-roles';
import type { PartyRegistryService } from '../party-registry/party-registry.service';
import type { PartyRecord } from '../party-registry/party.repository';
import { CATALOGUE, grant, HUB, IND, NOW, recordingAudit, TX } from '../testing/hub-fixtures';
import type { CallingOperator } from '@welkom/grpc';
import { type GrantRecord, isActiveAt } from './grant';
import type { CreateGrantCommand } from './grant.command';
import type { GrantRepository } from './grant.repository';
import { GrantService } from './grant.service';

const NEW_ID = '00000000-0000-4000-8000-0000000000d1';
const COMMAND: CreateGrantCommand = {
  id: undefined,
  requesterOin: null,
  requesterRole: grant().requesterRole,
  requesterSubUnit: '',
  evidenceType: grant().evidenceType,
  purpose: 'ADMISSION_STUDY',
  legalBasis: 'Vw 2000 art. 24a',
  allowedFields: ['enrolment_status'],
  validFrom: undefined,
  validTo: new Date('2027-01-01T00:00:00Z'),
  requiresExplicitRequest: false,
  requiredRelation: null,
};

function build(grants: Partial<GrantRepository> = {}) {
  const audit = recordingAudit();
  const events: { topic: string; change: unknown }[] = [];
  const inserted: GrantRecord[] = [];
  const registry = strictFake<PartyRegistryService>('PartyRegistryService', {
    hubOperator: async (oin) => {
      const party: PartyRecord = oin === HUB.oin ? HUB : IND;
      assertHubOperator(party);
      return party;
    },
    findParty: async (oin) => (oin === IND.oin ? IND : null),
  });
  const service = new GrantService(
    strictFake<GrantRepository>('GrantRepository', { insert: async (_tx, g) => void inserted.push(g), ...grants }),
    registry,
    CATALOGUE,
    strictFake<AuditTrailRepository>('AuditTrailRepository', { append: audit.append }),
    strictFake<EventOutbox>('EventOutbox', {
      enqueue: async (tx, topic, payload) => {
        expect(tx).toBe(TX);
        events.push({ topic: topic.name, change: (payload as { change: unknown }).change });
        return {} as never;
      },
    }),
    strictFake<TransactionRepository>('TransactionRepository', { run: async (work) => work(TX) }),
    strictFake<ClockRepository>('ClockRepository', { now: () => NOW }),
    strictFake<IdRepository>('IdRepository', { newId: () => NEW_ID }),
    { GRANT_SEED_FILE: undefined },
    HUB.oin,
  );
  return { service, audit, events, inserted };
}

const ANNA: CallingOperator = { oin: HUB.oin, operatorId: 'anna.devries' };
const BRAM: CallingOperator = { oin: HUB.oin, operatorId: 'bram.jansen' };
/** An operator certificate whose OIN is another party's: the registry decides who the hub operator is. */
const IND_STAFF: CallingOperator = { oin: IND.oin, operatorId: 'someone' };

describe('GrantService', () => {
  it('stores a proposal by an operator in person, audited by name, neither in force nor announced', async () => {
    const { service, audit, events, inserted } = build();

    const proposed = await service.propose(ANNA, COMMAND);

    expect(proposed).toMatchObject({ id: NEW_ID, validFrom: NOW, createdBy: HUB.oin, proposedBy: 'anna.devries', approvedAt: null });
    expect(isActiveAt(proposed, NOW)).toBe(false);
    expect(inserted).toEqual([proposed]);
    expect(events).toEqual([]);
    expect(audit.appended[0].drafts).toEqual([
      expect.objectContaining({ action: 'GRANT_PROPOSED', actorOin: HUB.oin, actorOperator: 'anna.devries', grantId: NEW_ID }),
    ]);
  });

  it("puts a grant in force on a second operator's approval, announced and audited by name", async () => {
    const approved: GrantRecord[] = [];
    const proposal = grant({ proposedBy: 'anna.devries', approvedAt: null });
    const { service, audit, events } = build({
      findForUpdate: async () => proposal,
      markApproved: async (_tx, g) => void approved.push(g),
    });

    const result = await service.approve(BRAM, { grantId: proposal.id });

    expect(result).toMatchObject({ proposedBy: 'anna.devries', approvedBy: 'bram.jansen', approvedAt: NOW });
    expect(isActiveAt(result, NOW)).toBe(true);
    expect(approved).toEqual([result]);
    expect(events).toEqual([{ topic: TOPICS.grantChanged.name, change: 'GRANT_CHANGE_CREATED' }]);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.actorOperator])).toEqual([['GRANT_APPROVED', 'bram.jansen']]);
  });

  it('refuses the proposer approving their own proposal (four eyes)', async () => {
    const proposal = grant({ proposedBy: 'anna.devries', approvedAt: null });
    const { service, audit, events } = build({ findForUpdate: async () => proposal });

    await expect(service.approve(ANNA, { grantId: proposal.id })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      reason: 'FOUR_EYES_REQUIRED',
    });
    expect([audit.appended, events]).toEqual([[], []]);
  });

  it('does not approve a grant twice, nor an ended one', async () => {
    const twice = build({ findForUpdate: async () => grant({ proposedBy: 'anna.devries', approvedBy: 'bram.jansen' }) });
    await expect(twice.service.approve(BRAM, { grantId: grant().id })).rejects.toMatchObject({ reason: 'GRANT_ALREADY_APPROVED' });
    const ended = build({ findForUpdate: async () => grant({ proposedBy: 'anna.devries', approvedAt: null, endedAt: NOW }) });
    await expect(ended.service.approve(BRAM, { grantId: grant().id })).rejects.toMatchObject({ reason: 'GRANT_ALREADY_ENDED' });
  });

  it('refuses an operator certificate of any party but the hub operator', async () => {
    const { service, inserted } = build();
    await expect(service.propose(IND_STAFF, COMMAND)).rejects.toMatchObject({ code: 'PERMISSION_DENIED', reason: 'NOT_HUB_OPERATOR' });
    expect(inserted).toEqual([]);
  });

  it('refuses a grant for a party the registry does not know', async () => {
    const { service } = build();
    await expect(service.propose(ANNA, { ...COMMAND, requesterOin: '00000001000000000000', requesterRole: null })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      fieldViolations: [{ field: 'grant.requester_oin', description: 'is not a registered party' }],
    });
  });

  it('ends a grant now and records why, and who', async () => {
    const ended: GrantRecord[] = [];
    const { service, audit, events } = build({ findForUpdate: async () => grant(), markEnded: async (_tx, g) => void ended.push(g) });

    const result = await service.end(ANNA, { grantId: grant().id, reason: 'pilot over' });

    expect(result).toMatchObject({ endedAt: NOW, endedBy: HUB.oin, endReason: 'pilot over', validTo: NOW });
    expect(ended).toEqual([result]);
    expect(events.map((e) => e.change)).toEqual(['GRANT_CHANGE_ENDED']);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.reason, d.actorOperator])).toEqual([
      ['GRANT_ENDED', 'pilot over', 'anna.devries'],
    ]);
  });

  it('withdraws a proposal without announcing it: it never applied', async () => {
    const { service, audit, events } = build({
      findForUpdate: async () => grant({ proposedBy: 'anna.devries', approvedAt: null }),
      markEnded: async () => undefined,
    });

    await service.end(BRAM, { grantId: grant().id, reason: 'wrong legal basis' });

    expect(events).toEqual([]);
    expect(audit.appended[0].drafts.map((d) => d.action)).toEqual(['GRANT_ENDED']);
  });

  it('does not end a grant twice', async () => {
    const { service } = build({ findForUpdate: async () => grant({ endedAt: NOW, endReason: 'earlier' }) });
    await expect(service.end(ANNA, { grantId: grant().id, reason: 'again' })).rejects.toBeInstanceOf(HubError);
    await expect(service.end(ANNA, { grantId: grant().id, reason: 'again' })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      reason: 'GRANT_ALREADY_ENDED',
    });
  });

  it('seeds only the grants that do not exist yet, as the hub itself, in force and audited as loaded from the file', async () => {
    const { service, inserted, audit, events } = build({ findById: async (id) => (id === 'existing' ? grant() : null) });

    const result = await service.seed({
      fileName: 'dev-grants.v1.json',
      create: [
        { ...COMMAND, id: 'existing' },
        { ...COMMAND, id: 'new' },
      ],
      end: [],
    });

    expect(result).toEqual({ created: 1, ended: 0 });
    expect(inserted.map((g) => [g.id, g.createdBy, g.proposedBy, g.approvedAt])).toEqual([['new', HUB.oin, null, NOW]]);
    expect(events.map((e) => e.change)).toEqual(['GRANT_CHANGE_CREATED']);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.actorOperator, d.reason])).toEqual([
      ['GRANT_CREATED', null, 'loaded from the grant seed file dev-grants.v1.json'],
    ]);
  });

  it('ends a grant the seed file replaced where it is still active, and never creates it', async () => {
    const ended: GrantRecord[] = [];
    const stored = new Map([
      ['shipped-earlier', grant({ id: 'shipped-earlier' })],
      ['ended-already', grant({ id: 'ended-already', endedAt: NOW, endReason: 'earlier' })],
    ]);
    const { service, audit, inserted } = build({
      findById: async (id) => stored.get(id) ?? null,
      findForUpdate: async (_tx, id) => stored.get(id) ?? null,
      markEnded: async (_tx, g) => void ended.push(g),
    });

    const result = await service.seed({
      fileName: 'dev-grants.v1.json',
      create: [{ ...COMMAND, id: 'replacement' }],
      end: [
        { grantId: 'shipped-earlier', reason: 'replaced by replacement' },
        { grantId: 'ended-already', reason: 'replaced' },
        { grantId: 'never-made', reason: 'replaced' },
      ],
    });

    expect(result).toEqual({ created: 1, ended: 1 });
    expect(ended.map((g) => [g.id, g.endedBy, g.endReason])).toEqual([['shipped-earlier', HUB.oin, 'replaced by replacement']]);
    expect(inserted.map((g) => g.id)).toEqual(['replacement']);
    expect(audit.appended.flatMap((a) => a.drafts.map((d) => [d.action, d.grantId]))).toEqual([
      ['GRANT_ENDED', 'shipped-earlier'],
      ['GRANT_CREATED', 'replacement'],
    ]);
  });
});
