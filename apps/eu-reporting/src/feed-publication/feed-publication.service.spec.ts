import type { Transaction } from '@welkom/persistence';
import { TalentFeedSeries } from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import type { TopicDefinition } from '@welkom/events';
import type { EventOutbox } from '@welkom/messaging';
import type { TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { ApplicationLedgerStore } from '../application-facts/application-ledger.store';
import type { ApplicationFact } from '../feed/application-fact';
import type { ApplicationLedger } from '../feed/application.ledger';
import { loadFeedReference } from '../feed/feed-reference.loader';
import { ledgerOf } from '../talent-feed/talent-feed.fixtures';
import { FeedPublicationService } from './feed-publication.service';
import type { PublishedFeedSeriesRepository } from './published-feed-series.repository';

const reference = loadFeedReference();
const tx = {} as Transaction;

const FACTS: ApplicationFact[] = [
  ...Array.from({ length: 12 }, (_, i): ApplicationFact => ({
    applicationId: `K-${i}`,
    category: 'HIGHLY_SKILLED_MIGRANT',
    citizenship: 'IN',
    submittedOn: '2021-03-01',
    decidedOn: '2021-03-20',
    decision: 'GRANTED',
  })),
  { applicationId: 'S-1', category: 'STUDENT', citizenship: 'CN', submittedOn: '2021-06-01' },
];

function setup(initial: ApplicationFact[]) {
  const state = { ledger: ledgerOf(initial, reference), version: 1 };
  const sent = new Map<string, Buffer>();
  const enqueued: { topic: string; payloads: TalentFeedSeries[] }[] = [];
  const outbox = strictFake<EventOutbox>('EventOutbox', {
    enqueueAll: async <T>(_manager: Transaction, topic: TopicDefinition<T>, payloads: readonly T[]) => {
      enqueued.push({ topic: topic.name, payloads: [...payloads] as unknown as TalentFeedSeries[] });
      return [];
    },
  });
  const service = new FeedPublicationService(
    strictFake<ApplicationLedgerStore>('ApplicationLedgerStore', {
      whenLoaded: async () => undefined,
      get current(): ApplicationLedger {
        return state.ledger;
      },
      get version(): number {
        return state.version;
      },
    }),
    strictFake<PublishedFeedSeriesRepository>('PublishedFeedSeriesRepository', {
      lock: async () => undefined,
      all: async () => new Map(sent),
      save: async (_tx, rows) => {
        for (const row of rows) sent.set(row.seriesId, row.payload);
      },
    }),
    outbox,
    strictFake<TransactionRepository>('TransactionRepository', {
      run: <T>(work: (manager: Transaction) => Promise<T>) => work(tx),
    }),
    reference,
    { FEED_PUBLISH_INTERVAL_MS: 1_000 },
  );
  const change = (facts: ApplicationFact[]) => {
    state.ledger = ledgerOf(facts, reference);
    state.version += 1;
  };
  return { service, sent, enqueued, change };
}

const value = (series: TalentFeedSeries, indicator: string) => series.observations.find((o) => o.indicator === indicator)?.value;

describe('publishing the feed on the compacted topic', () => {
  it('publishes every series of the published tables once, keyed by series id, in id order', async () => {
    const t = setup(FACTS);
    const outcome = await t.service.publish();
    expect(t.enqueued).toHaveLength(1);
    const [{ topic, payloads }] = t.enqueued;
    expect(topic).toBe('welkom.reporting.talent-feed.v1');
    const ids = payloads.map((p) => p.seriesId);
    expect(ids).toEqual([...ids].sort());
    expect(outcome).toEqual({ published: ids.length, unchanged: 0 });
    const national = payloads.find((p) => p.seriesId === 'A.KNOW_MIG.TOTAL.TOTAL.NL:2021') as TalentFeedSeries;
    expect([value(national, 'APPL'), value(national, 'DEC'), value(national, 'GRANT_RT')]).toEqual([12, 12, 100]);
    // The citizenship breakdown is published with the small-cell policy on: one student from CN is withheld.
    const student = payloads.find((p) => p.seriesId === 'A.STUDY.CN.TOTAL.NL:2021') as TalentFeedSeries;
    expect(student.observations.find((o) => o.indicator === 'APPL')).toEqual({
      indicator: 'APPL',
      unit: 'NR',
      obsFlag: 'c',
      confStatus: 'C',
    });
    expect(ids).toContain('A.HSM.TOTAL.TOTAL.NL:2021');
  });

  it('does nothing while the ledger has not changed, and republishes only the series that changed', async () => {
    const t = setup(FACTS);
    await t.service.publish();
    expect(await t.service.publish()).toEqual({ published: 0, unchanged: 0 });
    const secondStudent = { applicationId: 'S-2', category: 'STUDENT', citizenship: 'US', submittedOn: '2021-07-01' } as const;
    t.change([...FACTS, secondStudent]);
    // The national student rows are small cells before and after (1, then 2 students), withheld both times, so
    // their bytes do not change: only the new series goes out.
    expect(await t.service.publish()).toEqual({ published: 1, unchanged: expect.any(Number) as number });
    expect(t.enqueued[1].payloads.map((p) => p.seriesId)).toEqual(['A.STUDY.US.TOTAL.NL:2021']);
    const thirteenthMigrant = { ...FACTS[0], applicationId: 'K-12' };
    t.change([...FACTS, secondStudent, thirteenthMigrant]);
    const outcome = await t.service.publish();
    expect(t.enqueued[2].payloads.map((p) => p.seriesId)).toEqual([
      'A.HSM.TOTAL.TOTAL.NL:2021',
      'A.KNOW_MIG.IN.TOTAL.NL:2021',
      'A.KNOW_MIG.TOTAL.TOTAL.NL:2021',
    ]);
    expect(outcome.published).toBe(3);
  });

  it('publishes zero counts for a series that lost all its applications', async () => {
    const t = setup(FACTS);
    await t.service.publish();
    t.change(FACTS.map((fact) => (fact.applicationId === 'S-1' ? { ...fact, citizenship: 'US' } : fact)));
    await t.service.publish();
    const emptied = t.enqueued[1].payloads.find((p) => p.seriesId === 'A.STUDY.CN.TOTAL.NL:2021') as TalentFeedSeries;
    expect(emptied.observations.map((o) => `${o.indicator}=${o.value}`)).toEqual([
      'APPL=0',
      'DEC=0',
      'DEC_GRANT=0',
      'DEC_REFUSE=0',
      'DEC_WITHDRAW=0',
    ]);
    expect(TalentFeedSeries.decode(t.sent.get('A.STUDY.CN.TOTAL.NL:2021') as Buffer)).toEqual(emptied);
  });
});
