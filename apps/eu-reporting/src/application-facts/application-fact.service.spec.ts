import type { Transaction } from '@welkom/persistence';
import { DomainError } from '@welkom/errors';
import type { EventInbox, ReceivedEvent } from '@welkom/messaging';
import type { TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { ApplicationFact, CheckedApplicationFact } from '../feed/application-fact';
import { loadFeedReference } from '../feed/feed-reference.loader';
import type { FeedPublicationService } from '../feed-publication/feed-publication.service';
import { applicationFactOf } from './application-fact.codec';
import type { ApplicationFactRepository, StoredFactChange } from './application-fact.repository';
import { ApplicationFactService, type StatusChangeCommand } from './application-fact.service';
import type { ApplicationLedgerStore } from './application-ledger.store';
import type { StatusChange } from './status-change';

const reference = loadFeedReference();
const tx = {} as Transaction;

let sequence = 0;
function command(change: Partial<StatusChange> = {}): StatusChangeCommand {
  sequence += 1;
  const event = {
    envelope: { eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}` },
    topic: 'welkom.ind.application-status.v1',
    partition: 0,
    offset: String(sequence),
    payload: {},
  } as ReceivedEvent<unknown>;
  return {
    change: {
      applicationId: 'A-1',
      status: 'SUBMITTED',
      category: 'HIGHLY_SKILLED_MIGRANT',
      citizenship: 'IN',
      sponsorType: '',
      submittedOn: '2022-03-01',
      decidedOn: '',
      ...change,
    },
    event,
  };
}

interface Harness {
  service: ApplicationFactService;
  saved: StoredFactChange[][];
  recorded: CheckedApplicationFact[][];
  scheduled: number;
}

function harness(options: { stored?: ApplicationFact[]; seen?: Set<ReceivedEvent<unknown>>; failCommit?: boolean } = {}): Harness {
  const saved: StoredFactChange[][] = [];
  const recorded: CheckedApplicationFact[][] = [];
  const state = { scheduled: 0 };
  const stored = new Map((options.stored ?? []).map((fact) => [fact.applicationId, fact]));
  const inbox = strictFake<EventInbox>('EventInbox', {
    claimAll: async <T>(_manager: Transaction, events: readonly ReceivedEvent<T>[]) =>
      events.filter((event) => !options.seen?.has(event as ReceivedEvent<unknown>)),
  });
  const service = new ApplicationFactService(
    strictFake<ApplicationFactRepository>('ApplicationFactRepository', {
      lockAndFind: async (_tx, ids) => new Map(ids.flatMap((id) => (stored.has(id) ? [[id, stored.get(id) as ApplicationFact]] : []))),
      save: async (_tx, changes) => {
        saved.push([...changes]);
      },
    }),
    strictFake<ApplicationLedgerStore>('ApplicationLedgerStore', {
      whenLoaded: async () => undefined,
      record: (facts) => {
        recorded.push([...facts]);
      },
    }),
    inbox,
    strictFake<TransactionRepository>('TransactionRepository', {
      run: async <T>(work: (manager: Transaction) => Promise<T>): Promise<T> => {
        const result = await work(tx);
        if (options.failCommit) throw new Error('connection lost at commit');
        return result;
      },
    }),
    strictFake<FeedPublicationService>('FeedPublicationService', {
      schedule: () => {
        state.scheduled += 1;
      },
    }),
    reference,
  );
  return {
    service,
    saved,
    recorded,
    get scheduled() {
      return state.scheduled;
    },
  };
}

describe('applying IND status events to the feed', () => {
  it('merges a submission and its decision arriving in one batch into one stored fact, then counts it', async () => {
    const h = harness();
    const outcome = await h.service.applyStatusChanges([
      command({ status: 'SUBMITTED' }),
      command({ status: 'GRANTED', decidedOn: '2022-03-20' }),
    ]);
    expect(outcome).toEqual({ applied: 2, duplicates: 0, changedApplications: 1 });
    expect(h.saved).toHaveLength(1);
    expect(h.saved[0].map((c) => c.fact)).toEqual([
      {
        applicationId: 'A-1',
        category: 'HIGHLY_SKILLED_MIGRANT',
        citizenship: 'IN',
        sponsorType: 'UNKNOWN',
        submittedOn: '2022-03-01',
        decision: 'GRANTED',
        decidedOn: '2022-03-20',
      },
    ]);
    expect(h.recorded.flat().map(applicationFactOf)).toEqual(h.saved[0].map((c) => c.fact));
    expect(h.scheduled).toBe(1);
  });

  it('drops events the inbox has seen: a re-imported file changes nothing and publishes nothing', async () => {
    const first = command({ status: 'SUBMITTED' });
    const h = harness({ seen: new Set([first.event]) });
    const outcome = await h.service.applyStatusChanges([first]);
    expect(outcome).toEqual({ applied: 0, duplicates: 1, changedApplications: 0 });
    expect(h.saved).toEqual([[]]);
    expect(h.recorded).toEqual([[]]);
    expect(h.scheduled).toBe(0);
  });

  it('applies a decision to the stored submission of an earlier batch', async () => {
    const stored: ApplicationFact = {
      applicationId: 'A-1',
      category: 'STUDENT',
      citizenship: 'CN',
      sponsorType: 'RECOGNISED_SPONSOR',
      submittedOn: '2022-06-01',
    };
    const h = harness({ stored: [stored] });
    await h.service.applyStatusChanges([
      command({ status: 'WITHDRAWN', category: '', citizenship: '', submittedOn: '', decidedOn: '2022-07-01' }),
    ]);
    expect(h.saved[0][0].fact).toEqual({ ...stored, decision: 'WITHDRAWN', decidedOn: '2022-07-01' });
  });

  it('stores nothing for an event that changes nothing (permit issued after the grant)', async () => {
    const stored: ApplicationFact = {
      applicationId: 'A-1',
      category: 'HIGHLY_SKILLED_MIGRANT',
      citizenship: 'IN',
      sponsorType: 'UNKNOWN',
      submittedOn: '2022-03-01',
      decision: 'GRANTED',
      decidedOn: '2022-03-20',
    };
    const h = harness({ stored: [stored] });
    const outcome = await h.service.applyStatusChanges([command({ status: 'PERMIT_ISSUED' })]);
    expect(outcome.changedApplications).toBe(0);
    expect(h.saved).toEqual([[]]);
    expect(h.scheduled).toBe(0);
  });

  it('rejects the batch with every reason, naming the event and the contract field, when one event is invalid', async () => {
    const h = harness();
    const bad = command({ applicationId: 'A-2', status: 'GRANTED', citizenship: 'QQ', decidedOn: '2022-02-01' });
    const error = await h.service.applyStatusChanges([command(), bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_ARGUMENT');
    expect((error as DomainError).fieldViolations).toEqual([
      {
        field: 'citizenship',
        description: `event ${bad.event.envelope.eventId}: UNKNOWN_CITIZENSHIP: "QQ" is not an assigned ISO 3166-1 alpha-2 code`,
      },
      {
        field: 'decided_on',
        description: `event ${bad.event.envelope.eventId}: DECIDED_BEFORE_SUBMITTED: "2022-02-01" is before the submission date "2022-03-01"`,
      },
    ]);
    expect(h.saved).toEqual([]);
    expect(h.recorded).toEqual([]);
  });

  it('rejects an event without a status', async () => {
    const h = harness();
    const error = (await h.service.applyStatusChanges([command({ status: '' })]).catch((e: unknown) => e)) as DomainError;
    expect(error.fieldViolations.map((v) => v.field)).toEqual(['status']);
  });

  it('leaves the in-memory figures alone when the transaction fails', async () => {
    const h = harness({ failCommit: true });
    await expect(h.service.applyStatusChanges([command()])).rejects.toThrow('connection lost at commit');
    expect(h.recorded).toEqual([]);
    expect(h.scheduled).toBe(0);
  });
});
