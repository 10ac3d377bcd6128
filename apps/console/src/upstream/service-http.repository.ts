import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console.config';
import {
  type ConsularCapacity,
  consularCapacitySchema,
  type IndFigures,
  indFiguresSchema,
  type LiveFeed,
  liveFeedSchema,
  type PublishedFigures,
  publishedFiguresSchema,
} from './upstream-documents';

/** The services' read-only HTTP endpoints: the only way the console learns about their state (never their databases). */
@Injectable()
export class ServiceHttpRepository {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  indFigures(): Promise<IndFigures> {
    return this.json(`${this.config.IND_HTTP_URL}/operations/figures`, indFiguresSchema);
  }

  /** The hub's Prometheus text: the once-only counters live there. */
  hubMetrics(): Promise<string> {
    return this.text(`${this.config.HUB_HTTP_URL}/metrics`);
  }

  consularCapacity(): Promise<ConsularCapacity> {
    return this.json(`${this.config.CONSULAR_HTTP_URL}/capacity`, consularCapacitySchema);
  }

  publishedFigures(): Promise<PublishedFigures> {
    return this.json(`${this.config.EU_REPORTING_HTTP_URL}/feed/published`, publishedFiguresSchema);
  }

  liveFeed(): Promise<LiveFeed> {
    return this.json(`${this.config.EU_REPORTING_HTTP_URL}/feed?format=json&period=year&by=group`, liveFeedSchema);
  }

  private async json<T>(url: string, schema: z.ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(JSON.parse(await this.text(url)));
    if (!parsed.success) throw new Error(`${url} answered a document the console does not understand: ${parsed.error.message}`);
    return parsed.data;
  }

  private async text(url: string): Promise<string> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.config.UPSTREAM_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.text();
  }
}
