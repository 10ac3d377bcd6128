import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClockRepository } from '@welkom/platform';
import { BackboneRepository } from '../backbone/backbone.repository';
import { CONSOLE_CONFIG, type ConsoleConfig, HUB_OIN } from '../console.config';
import { parsePrometheusText } from '../upstream/prometheus-text';
import { ServiceHttpRepository } from '../upstream/service-http.repository';
import { type AuditPanel, auditPanel } from './audit.panel';
import { type ChainOverviewPanel, chainOverviewPanel } from './chain-overview.panel';
import { type ConsularCapacityPanel, consularCapacityPanel } from './consular-capacity.panel';
import { type DeadLettersPanel, deadLettersPanel } from './dead-letters.panel';
import { type DeadlinesPanel, deadlinesPanel } from './deadlines.panel';
import { type EuFeedPanel, euFeedPanel } from './eu-feed.panel';
import { type OnceOnlyPanel, onceOnlyPanel } from './once-only.panel';

/** One panel's content, or why it has none right now (a service that does not answer darkens its panel only). */
export type PanelResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly problem: string };

export interface ConsolePanels {
  readonly generatedAt: string;
  readonly chain: PanelResult<ChainOverviewPanel>;
  readonly deadlines: PanelResult<DeadlinesPanel>;
  readonly onceOnly: PanelResult<OnceOnlyPanel>;
  readonly deadLetters: PanelResult<DeadLettersPanel>;
  readonly audit: PanelResult<AuditPanel>;
  readonly consular: PanelResult<ConsularCapacityPanel>;
  readonly euFeed: PanelResult<EuFeedPanel>;
}

/** Gathers every panel's inputs from the services and the backbone, in parallel, and shapes them (./*.panel.ts). */
@Injectable()
export class ConsolePanelsService {
  private readonly logger = new Logger(ConsolePanelsService.name);
  /** The read under way: every page that asks meanwhile shares it (each read joins throwaway consumer groups). */
  private reading: Promise<ConsolePanels> | undefined;

  constructor(
    private readonly services: ServiceHttpRepository,
    private readonly backbone: BackboneRepository,
    private readonly clock: ClockRepository,
    @Inject(CONSOLE_CONFIG) private readonly config: Pick<ConsoleConfig, 'LATEST_DEAD_LETTERS'>,
    @Inject(HUB_OIN) private readonly hubOin: string,
  ) {}

  panels(): Promise<ConsolePanels> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<ConsolePanels> {
    const ind = this.services.indFigures();
    const flowTopics = this.backbone.flowTopics();
    const [chain, deadlines, onceOnly, deadLetters, audit, consular, euFeed] = await Promise.all([
      this.panel('chain', async () =>
        chainOverviewPanel(await ind, flowTopics, await this.backbone.recordCounts(flowTopics.map((topic) => topic.name))),
      ),
      this.panel('deadlines', async () => deadlinesPanel(await ind)),
      this.panel('once-only', async () => onceOnlyPanel(parsePrometheusText(await this.services.hubMetrics()), await ind)),
      this.panel('dead letters', async () => deadLettersPanel(await this.backbone.deadLetters(), this.config.LATEST_DEAD_LETTERS)),
      this.panel('audit', () => this.verifyAudit()),
      this.panel('consular', async () => consularCapacityPanel(await this.services.consularCapacity())),
      this.panel('EU feed', async () => euFeedPanel(await this.services.publishedFigures(), await this.services.liveFeed())),
    ]);
    return { generatedAt: this.clock.now().toISOString(), chain, deadlines, onceOnly, deadLetters, audit, consular, euFeed };
  }

  /** Reads the signed checkpoints afresh and checks them (on demand from the page, and with every refresh). */
  async verifyAudit(): Promise<AuditPanel> {
    const { signed, refused } = await this.backbone.checkpoints();
    return auditPanel(signed, refused, this.hubOin, this.clock.now());
  }

  private async panel<T>(name: string, build: () => Promise<T>): Promise<PanelResult<T>> {
    try {
      return { ok: true, data: await build() };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${name} panel unavailable: ${problem}`);
      return { ok: false, problem };
    }
  }
}
