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
import type { GrantRecord } from './grant';
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

describe('GrantService', () => {
  it('creates a grant for the operator, valid from now, as an event and an audit entry', async () => {
    const { service, audit, events, inserted } = build();

    const created = await service.create(HUB.oin, COMMAND);

    expect(created).toMatchObject({ id: NEW_ID, validFrom: NOW, createdAt: NOW, createdBy: HUB.oin, endedAt: null });
    expect(inserted).toEqual([created]);
    expect(events).toEqual([{ topic: TOPICS.grantChanged.name, change: 'GRANT_CHANGE_CREATED' }]);
    expect(audit.appended[0].drafts).toEqual([
      expect.objectContaining({ action: 'GRANT_CREATED', actorOin: HUB.oin, grantId: NEW_ID, disclosedFields: ['enrolment_status'] }),
    ]);
  });

  it('refuses anyone but the hub operator', async () => {
    const { service, inserted } = build();
    await expect(service.create(IND.oin, COMMAND)).rejects.toMatchObject({ code: 'PERMISSION_DENIED', reason: 'NOT_HUB_OPERATOR' });
    expect(inserted).toEqual([]);
  });

  it('refuses a grant for a party the registry does not know', async () => {
    const { service } = build();
    await expect(service.create(HUB.oin, { ...COMMAND, requesterOin: '00000001000000000000', requesterRole: null })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      fieldViolations: [{ field: 'grant.requester_oin', description: 'is not a registered party' }],
    });
  });

  it('ends a grant now and records why', async () => {
    const ended: GrantRecord[] = [];
    const { service, audit, events } = build({ findForUpdate: async () => grant(), markEnded: async (_tx, g) => void ended.push(g) });

    const result = await service.end(HUB.oin, { grantId: grant().id, reason: 'pilot over' });

    expect(result).toMatchObject({ endedAt: NOW, endedBy: HUB.oin, endReason: 'pilot over', validTo: NOW });
    expect(ended).toEqual([result]);
    expect(events.map((e) => e.change)).toEqual(['GRANT_CHANGE_ENDED']);
    expect(audit.appended[0].drafts.map((d) => [d.action, d.reason])).toEqual([['GRANT_ENDED', 'pilot over']]);
  });

  it('does not end a grant twice', async () => {
    const { service } = build({ findForUpdate: async () => grant({ endedAt: NOW, endReason: 'earlier' }) });
    await expect(service.end(HUB.oin, { grantId: grant().id, reason: 'again' })).rejects.toBeInstanceOf(HubError);
    await expect(service.end(HUB.oin, { grantId: grant().id, reason: 'again' })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      reason: 'GRANT_ALREADY_ENDED',
    });
  });

  it('seeds only the grants that do not exist yet, as the hub itself', async () => {
    const { service, inserted } = build({ findById: async (id) => (id === 'existing' ? grant() : null) });

    const result = await service.seed({
      create: [
        { ...COMMAND, id: 'existing' },
        { ...COMMAND, id: 'new' },
      ],
      end: [],
    });

    expect(result).toEqual({ created: 1, ended: 0 });
    expect(inserted.map((g) => [g.id, g.createdBy])).toEqual([['new', HUB.oin]]);
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
