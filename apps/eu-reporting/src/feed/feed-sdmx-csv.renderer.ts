import { civilDateOf, type EpochDay } from '@welkom/platform';
import { FEED_MEASURES, type FeedMeasure, type FeedReference, type SdmxConcept } from './feed-reference';
import type { FeedSeries, FeedTable } from './feed-query';
import type { PermitCategory } from './permit-category';

/** `LAST UPDATE` as Eurostat writes it: `dd/mm/yy HH:MM:SS`. */
export interface LastUpdate {
  readonly day: EpochDay;
  readonly secondOfDay: number;
}

export function formatLastUpdate({ day, secondOfDay }: LastUpdate): string {
  const { year, month, day: dayOfMonth } = civilDateOf(day);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor((secondOfDay % 3600) / 60);
  return `${two(dayOfMonth)}/${two(month)}/${two(year % 100)} ${two(hours)}:${two(minutes)}:${two(secondOfDay % 60)}`;
}

/** RFC 4180 quoting, for the one free-text column (a reference file could name anything). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface Observation {
  readonly series: FeedSeries;
  readonly measure: FeedMeasure;
  readonly measureIndex: number;
}

function reasonCode(series: FeedSeries, table: FeedTable, reference: FeedReference): string {
  const { dataflow } = reference;
  const code =
    table.query.reasonAxis === 'group' ? dataflow.groupReason.get(series.reason) : dataflow.categoryReason[series.reason as PermitCategory];
  if (code === undefined) throw new Error(`no SDMX reason code for "${series.reason}" in the dataflow reference`);
  return code;
}

function dimensionValue(concept: SdmxConcept, observation: Observation, table: FeedTable, reference: FeedReference): string {
  const { dataflow } = reference;
  const { series, measure } = observation;
  switch (concept) {
    case 'FREQUENCY':
      return dataflow.frequency[series.period.kind];
    case 'INDICATOR':
      return dataflow.indicator[measure].code;
    case 'REASON':
      return reasonCode(series, table, reference);
    case 'CITIZENSHIP':
      return series.citizenship === null
        ? dataflow.citizenshipTotal
        : (dataflow.citizenshipOverrides.get(series.citizenship) ?? series.citizenship);
    case 'SPONSOR_TYPE':
      return series.sponsorType === null ? dataflow.sponsorTypeTotal : dataflow.sponsorType[series.sponsorType];
    case 'UNIT':
      return dataflow.indicator[measure].unit;
    case 'GEO':
      return dataflow.geo;
  }
}

/**
 * SDMX-CSV 1.0 in Eurostat's column layout (DOMAIN.md §4.4): DATAFLOW, LAST UPDATE, the dimensions in DSD
 * order, TIME_PERIOD, OBS_VALUE, OBS_FLAG, CONF_STATUS; every column name and code from the dataflow
 * reference file. One row per observation, rows ordered by series key then time, as Eurostat serves them.
 * A figure that does not apply (a grant rate without decisions) has no row; a withheld one has an empty
 * OBS_VALUE, flag `c` and a CONF_STATUS.
 */
export function renderFeedSdmxCsv(table: FeedTable, reference: FeedReference, lastUpdate: LastUpdate | null): string {
  const { dataflow } = reference;
  const { columns } = dataflow;
  const header = [
    columns.dataflow,
    columns.lastUpdate,
    ...dataflow.dimensions.map((d) => d.column),
    columns.timePeriod,
    columns.obsValue,
    columns.obsFlag,
    columns.confStatus,
  ];

  const observations: Observation[] = [];
  table.series.forEach((series) => {
    FEED_MEASURES.forEach((measure, measureIndex) => {
      if (series.values[measure] !== null || series.confidential[measure] !== undefined) {
        observations.push({ series, measure, measureIndex });
      }
    });
  });
  // Series come sorted by period first; Eurostat's order is series key first, then time. Sort is stable.
  const seriesOrder = new Map(table.series.map((s, i) => [s, i]));
  const keyOf = (o: Observation): string => dataflow.dimensions.map((d) => dimensionValue(d.concept, o, table, reference)).join(',');
  const rows = observations.map((o) => ({ o, key: keyOf(o) }));
  rows.sort((a, b) => {
    if (a.o.measureIndex !== b.o.measureIndex) return a.o.measureIndex - b.o.measureIndex;
    if (a.key !== b.key) return a.key < b.key ? -1 : 1;
    return (seriesOrder.get(a.o.series) ?? 0) - (seriesOrder.get(b.o.series) ?? 0);
  });

  const dataflowField = csvField(dataflow.dataflowRef);
  const lastUpdateField = lastUpdate === null ? '' : formatLastUpdate(lastUpdate);
  const lines = [header.map(csvField).join(',')];
  for (const { o, key } of rows) {
    const value = o.series.values[o.measure];
    const confidentiality = o.series.confidential[o.measure];
    const flag = confidentiality === undefined ? '' : dataflow.confidentialObsFlag;
    const confStatus =
      confidentiality === undefined || value !== null
        ? ''
        : confidentiality === 'primary'
          ? dataflow.primaryConfStatus
          : dataflow.complementaryConfStatus;
    lines.push(
      [dataflowField, lastUpdateField, key, o.series.period.label, value === null ? '' : String(value), flag, confStatus].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
