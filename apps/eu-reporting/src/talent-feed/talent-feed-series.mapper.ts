import type { TalentFeedObservation, TalentFeedSeries } from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { COUNT_MEASURES, FEED_MEASURES, type FeedReference, type SdmxConcept } from '../feed/feed-reference';
import type { FeedSeries, FeedTable } from '../feed/feed-query';
import type { PermitCategory } from '../feed/permit-category';

function dimensionCode(concept: SdmxConcept, series: FeedSeries, table: FeedTable, reference: FeedReference): string | undefined {
  const { dataflow } = reference;
  switch (concept) {
    case 'FREQUENCY':
      return dataflow.frequency[series.period.kind];
    case 'REASON': {
      const code =
        table.query.reasonAxis === 'group'
          ? dataflow.groupReason.get(series.reason)
          : dataflow.categoryReason[series.reason as PermitCategory];
      if (code === undefined) throw new Error(`no SDMX reason code for "${series.reason}" in the dataflow reference`);
      return code;
    }
    case 'CITIZENSHIP':
      return series.citizenship === null
        ? dataflow.citizenshipTotal
        : (dataflow.citizenshipOverrides.get(series.citizenship) ?? series.citizenship);
    case 'SPONSOR_TYPE':
      return series.sponsorType === null ? dataflow.sponsorTypeTotal : dataflow.sponsorType[series.sponsorType];
    case 'GEO':
      return dataflow.geo;
    // Indicator and unit vary per observation, not per series.
    case 'INDICATOR':
    case 'UNIT':
      return undefined;
  }
}

/**
 * A feed series as the contract row of the gRPC stream and the compacted topic, with the same codes and the
 * same observations as its SDMX-CSV rows (apps/eu-reporting/src/feed/feed-sdmx-csv.renderer.ts): a figure
 * that does not apply has no observation, a withheld one has no value, flag `c` and a CONF_STATUS.
 */
export function talentFeedSeriesOf(series: FeedSeries, table: FeedTable, reference: FeedReference): TalentFeedSeries {
  const { dataflow } = reference;
  const codes = new Map<SdmxConcept, string>();
  for (const { concept } of dataflow.dimensions) {
    const code = dimensionCode(concept, series, table, reference);
    if (code !== undefined) codes.set(concept, code);
  }
  const observations: TalentFeedObservation[] = [];
  for (const measure of FEED_MEASURES) {
    const value = series.values[measure];
    const confidentiality = series.confidential[measure];
    if (value === null && confidentiality === undefined) continue;
    observations.push({
      indicator: dataflow.indicator[measure].code,
      unit: dataflow.indicator[measure].unit,
      ...(value === null ? {} : { value }),
      obsFlag: confidentiality === undefined ? '' : dataflow.confidentialObsFlag,
      confStatus:
        confidentiality === undefined || value !== null
          ? ''
          : confidentiality === 'primary'
            ? dataflow.primaryConfStatus
            : dataflow.complementaryConfStatus,
    });
  }
  return {
    seriesId: `${[...codes.values()].join('.')}:${series.period.label}`,
    dataflow: dataflow.dataflowRef,
    freq: codes.get('FREQUENCY') ?? '',
    reason: codes.get('REASON') ?? '',
    citizen: codes.get('CITIZENSHIP') ?? '',
    sponsor: codes.get('SPONSOR_TYPE') ?? '',
    geo: codes.get('GEO') ?? '',
    timePeriod: series.period.label,
    observations,
    processingTimeDecisions: series.processingTimeDecisions,
  };
}

/**
 * A series that no longer has any application (every one of them moved to another category or citizenship):
 * zero counts, no rates. Published instead of a tombstone, because zero is what the feed now says about it.
 */
export function emptiedTalentFeedSeries(series: TalentFeedSeries, reference: FeedReference): TalentFeedSeries {
  const { indicator } = reference.dataflow;
  return {
    ...series,
    observations: COUNT_MEASURES.map((measure) => ({
      indicator: indicator[measure].code,
      unit: indicator[measure].unit,
      value: 0,
      obsFlag: '',
      confStatus: '',
    })),
    processingTimeDecisions: 0,
  };
}
