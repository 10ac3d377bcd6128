import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Controller, Get, Inject } from '@nestjs/common';
import { EU_REPORTING_CONFIG, type EuReportingConfig } from '../eu-reporting.config';
import { PUBLISHED_FIGURES_FILE, type PublishedYearFigures, readPublishedFigures } from '../feed/published-figures.reader';

/**
 * GET /feed/published: the IND's published 2015–2022 table (seed 000) the feed is measured against, as JSON, so
 * the operations console can chart it beside the live feed. Read and checked once, at start.
 */
@Controller('feed/published')
export class PublishedFiguresHttpController {
  private readonly figures: readonly PublishedYearFigures[];

  constructor(@Inject(EU_REPORTING_CONFIG) config: Pick<EuReportingConfig, 'FEED_REFERENCE_DIR'>) {
    const file = path.join(config.FEED_REFERENCE_DIR, PUBLISHED_FIGURES_FILE);
    this.figures = readPublishedFigures(readFileSync(file, 'utf8'));
  }

  @Get()
  published(): { source: string; figures: readonly PublishedYearFigures[] } {
    return { source: `IND, City Deal "Warm Welkom Talent" (seed 000), ${PUBLISHED_FIGURES_FILE}`, figures: this.figures };
  }
}
