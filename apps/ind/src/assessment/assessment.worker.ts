import { Inject, Injectable } from '@nestjs/common';
import { currentTraceContext, inSpan, SpanKind, type TraceContext, withTraceContext } from '@welkom/observability';
import { ClockRepository, PeriodicWorker, type PeriodicSchedule } from '@welkom/platform';
import { ApplicationRepository } from '../applications/application.repository';
import { IND_CONFIG, type IndConfig } from '../ind.config';
import { CaseAssessmentService } from './case-assessment.service';

const SWEEP_BATCH = 200;

/**
 * Runs assessments off the request and event paths. The durable queue is the case table (needs_assessment):
 * an event handler or the intake flags a case in its transaction and nudges this worker; the sweeper picks up
 * whatever is flagged and not held, so a case flagged before a crash, or during a hub outage, is assessed
 * after the restart or once the hub is back. In memory there is only a set of ids and a concurrency limit.
 */
@Injectable()
export class AssessmentWorker extends PeriodicWorker {
  /** Case ids waiting for a free slot, each with the trace of whatever asked for it (a filing, an event). */
  private readonly queued = new Map<string, TraceContext>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly assessment: CaseAssessmentService,
    private readonly applications: ApplicationRepository,
    private readonly clock: ClockRepository,
    @Inject(IND_CONFIG)
    private readonly config: Pick<IndConfig, 'ASSESSMENT_SWEEP_INTERVAL_MS' | 'ASSESSMENT_CONCURRENCY' | 'EVIDENCE_FOLLOW_UP_AFTER_MS'>,
  ) {
    super();
  }

  /** The sweep: first right after start, so cases flagged before a restart are picked up at once. */
  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.ASSESSMENT_SWEEP_INTERVAL_MS, firstRunAfterMs: 0, description: 'Sweeping flagged cases' };
  }

  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    await Promise.allSettled([...this.running]);
  }

  /** Assess this case soon; a no-op when it is already queued or no longer flagged. */
  trigger(applicationId: string): void {
    if (this.stopping) return;
    if (!this.queued.has(applicationId)) this.queued.set(applicationId, currentTraceContext());
    this.drain();
  }

  /** Resolves once nothing is queued or running (tests and shutdown). */
  async idle(): Promise<void> {
    while (!this.stopping && (this.running.size > 0 || this.queued.size > 0)) await Promise.allSettled([...this.running]);
  }

  private drain(): void {
    while (!this.stopping && this.running.size < this.config.ASSESSMENT_CONCURRENCY && this.queued.size > 0) {
      const [[id, trace]] = this.queued;
      this.queued.delete(id);
      const run = withTraceContext(trace, () =>
        inSpan('assess case', { kind: SpanKind.INTERNAL, attributes: { 'welkom.application.id': id } }, () => this.assessment.assess(id)),
      )
        .catch((error: unknown) => this.logger.warn(`Assessment of case ${id} failed; the sweeper retries: ${(error as Error).message}`))
        .finally(() => {
          this.running.delete(run);
          this.drain();
        });
      this.running.add(run);
    }
  }

  protected async runOnce(): Promise<void> {
    await this.applications.flagStaleWaits(new Date(this.clock.now().getTime() - this.config.EVIDENCE_FOLLOW_UP_AFTER_MS), SWEEP_BATCH);
    for (const id of await this.applications.findFlagged(SWEEP_BATCH)) this.trigger(id);
  }
}
