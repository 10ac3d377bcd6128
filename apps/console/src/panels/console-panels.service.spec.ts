import type { ClockRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { BackboneRepository } from '../backbone/backbone.repository';
import type { ServiceHttpRepository } from '../upstream/service-http.repository';
import type { IndFigures } from '../upstream/upstream-documents';
import { ConsolePanelsService } from './console-panels.service';

const HUB = '00000001999999990000';
const IND: IndFigures = {
  today: '2026-12-06',
  atRiskWithinDays: 5,
  stages: [{ category: 'PERMIT_CATEGORY_STUDENT', status: 'APPLICATION_STATUS_GRANTED', cases: 2 }],
  deadlines: [{ kind: 'STATUTORY_DECISION', nature: 'LEGAL', onTrack: 1, atRisk: 0, breached: 0 }],
  evidenceRequests: [],
};

function service(overrides: Partial<ServiceHttpRepository> = {}) {
  let deadLetterReads = 0;
  const services = strictFake<ServiceHttpRepository>('ServiceHttpRepository', {
    indFigures: async () => IND,
    hubMetrics: async () => 'welkom_hub_documents_not_asked_again_total{evidence_type="X",answered_from="vault"} 2\n',
    consularCapacity: async () => ({ referenceVersion: 'v', posts: [] }),
    publishedFigures: async () => ({ source: 'IND', figures: [] }),
    liveFeed: async () => ({ asOf: null, series: [] }),
    ...overrides,
  });
  const backbone = strictFake<BackboneRepository>('BackboneRepository', {
    flowTopics: () => [],
    recordCounts: async () => new Map(),
    deadLetters: async () => {
      deadLetterReads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return [];
    },
    checkpoints: async () => ({ signed: [], refused: [] }),
  });
  const clock = strictFake<ClockRepository>('ClockRepository', { now: () => new Date('2026-12-06T12:00:00Z') });
  return { panels: new ConsolePanelsService(services, backbone, clock, { LATEST_DEAD_LETTERS: 20 }, HUB), reads: () => deadLetterReads };
}

describe('ConsolePanelsService', () => {
  it('darkens only the panel whose service does not answer, with the reason', async () => {
    const { panels } = service({
      consularCapacity: async () => {
        throw new Error('http://consular/capacity answered HTTP 503');
      },
    });
    const result = await panels.panels();
    expect(result.consular).toEqual({ ok: false, problem: 'http://consular/capacity answered HTTP 503' });
    expect(result.chain).toMatchObject({ ok: true, data: { totalCases: 2 } });
    expect(result.onceOnly).toMatchObject({ ok: true, data: { notAskedAgain: 2 } });
    expect(result.audit).toMatchObject({ ok: true, data: { status: 'NO_CHECKPOINT_YET' } });
  });

  it('shares one read among the pages that ask while it runs, and reads afresh afterwards', async () => {
    const { panels, reads } = service();
    const [first, second] = await Promise.all([panels.panels(), panels.panels()]);
    expect(second).toBe(first);
    expect(reads()).toBe(1);
    await panels.panels();
    expect(reads()).toBe(2);
  });
});
