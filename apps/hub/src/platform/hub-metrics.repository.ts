import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@welkom/observability';

export type AnsweredFrom = 'vault' | 'source';

/** Prometheus figures of the evidence exchange; a repository because a metric is a side effect. */
@Injectable()
export class HubMetricsRepository {
  private readonly notAskedAgain: Counter<'evidence_type' | 'answered_from'>;
  private readonly requestOutcomes: Counter<'evidence_type' | 'outcome'>;
  private readonly auditBatchSize: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.notAskedAgain = new Counter({
      name: 'welkom_hub_documents_not_asked_again_total',
      help: 'Evidence a requester received through the hub instead of asking the person again (once-only).',
      labelNames: ['evidence_type', 'answered_from'],
      registers: [registry],
    });
    this.requestOutcomes = new Counter({
      name: 'welkom_hub_evidence_requests_total',
      help: 'Evidence requests by outcome (disclosed, pending, refused reason).',
      labelNames: ['evidence_type', 'outcome'],
      registers: [registry],
    });
    this.auditBatchSize = new Histogram({
      name: 'welkom_hub_evidence_request_batch_size',
      help: 'Evidence requests committed together with their audit entries in one transaction.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers: [registry],
    });
  }

  documentNotAskedAgain(evidenceType: string, answeredFrom: AnsweredFrom): void {
    this.notAskedAgain.inc({ evidence_type: evidenceType, answered_from: answeredFrom });
  }

  evidenceRequest(evidenceType: string, outcome: string): void {
    this.requestOutcomes.inc({ evidence_type: evidenceType, outcome });
  }

  requestBatchCommitted(size: number): void {
    this.auditBatchSize.observe(size);
  }
}
