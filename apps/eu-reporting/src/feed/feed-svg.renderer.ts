import { formatIsoDate } from '@welkom/platform';
import type { FeedReference } from './feed-reference';
import type { FeedSeries, FeedTable } from './feed-query';
import { groupThousands } from './feed-table.renderer';

const WIDTH = 960;
const PANEL_HEIGHT = 300;
const HEADER_HEIGHT = 70;
const FOOTER_HEIGHT = 40;
const PLOT_LEFT = 90;
const PLOT_RIGHT = WIDTH - 80;
const PLOT_TOP_OFFSET = 40;
const PLOT_HEIGHT = 200;
const COLOURS = { applications: '#4c78a8', decisions: '#9ecae9', grantRate: '#e45756', grid: '#dddddd', text: '#222222' };

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Fixed one-decimal coordinates, so the same table always gives the same bytes. */
function n(value: number): string {
  return value.toFixed(1);
}

/** A round step (1, 2 or 5 × 10^k) that splits `max` into at most five intervals. */
export function niceStep(max: number): number {
  const rough = Math.max(max, 1) / 5;
  let power = 1;
  while (power * 10 <= rough) power *= 10;
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

interface Scale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

function y(scale: Scale, value: number, top: number): number {
  return top + PLOT_HEIGHT - ((value - scale.min) / (scale.max - scale.min)) * PLOT_HEIGHT;
}

function panel(label: string, series: readonly FeedSeries[], years: readonly number[], counts: Scale, rates: Scale, top: number): string[] {
  const plotTop = top + PLOT_TOP_OFFSET;
  const band = (PLOT_RIGHT - PLOT_LEFT) / years.length;
  const barWidth = band * 0.34;
  const byYear = new Map(series.map((s) => [s.period.year, s]));
  const out: string[] = [
    `<g class="panel">`,
    `<text x="${PLOT_LEFT}" y="${n(top + 24)}" font-size="16" font-weight="bold">${xml(label)}</text>`,
  ];

  for (let value = counts.min; value <= counts.max; value += counts.step) {
    const at = n(y(counts, value, plotTop));
    out.push(`<line x1="${PLOT_LEFT}" y1="${at}" x2="${PLOT_RIGHT}" y2="${at}" stroke="${COLOURS.grid}"/>`);
    out.push(
      `<text x="${PLOT_LEFT - 8}" y="${at}" text-anchor="end" dominant-baseline="middle" font-size="11">${groupThousands(value)}</text>`,
    );
  }
  for (let value = rates.min; value <= rates.max; value += rates.step) {
    const at = n(y(rates, value, plotTop));
    out.push(
      `<text x="${PLOT_RIGHT + 8}" y="${at}" dominant-baseline="middle" font-size="11" fill="${COLOURS.grantRate}">${value} %</text>`,
    );
  }

  const points: string[] = [];
  years.forEach((year, i) => {
    const left = PLOT_LEFT + i * band + band * 0.14;
    const entry = byYear.get(year);
    out.push(
      `<text x="${n(PLOT_LEFT + (i + 0.5) * band)}" y="${n(plotTop + PLOT_HEIGHT + 18)}" text-anchor="middle" font-size="12">${year}</text>`,
    );
    if (entry === undefined) return;
    const bars = [
      ['applications', entry.values.applications, left],
      ['decisions', entry.values.decisions, left + barWidth],
    ] as const;
    for (const [measure, value, x] of bars) {
      if (value === null) continue;
      const barTop = y(counts, value, plotTop);
      out.push(
        `<rect class="bar ${measure}" x="${n(x)}" y="${n(barTop)}" width="${n(barWidth)}" height="${n(plotTop + PLOT_HEIGHT - barTop)}" fill="${COLOURS[measure]}"><title>${year} ${measure}: ${groupThousands(value)}</title></rect>`,
      );
    }
    const rate = entry.values.grantRatePercent;
    if (rate !== null) {
      const cx = PLOT_LEFT + (i + 0.5) * band;
      const cy = y(rates, rate, plotTop);
      points.push(`${n(cx)},${n(cy)}`);
      out.push(
        `<circle class="grant-rate" cx="${n(cx)}" cy="${n(cy)}" r="4" fill="${COLOURS.grantRate}"><title>${year} grant rate: ${rate} %</title></circle>`,
      );
      out.push(`<text x="${n(cx)}" y="${n(cy - 9)}" text-anchor="middle" font-size="11" fill="${COLOURS.grantRate}">${rate} %</text>`);
    }
  });
  if (points.length > 1) {
    out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLOURS.grantRate}" stroke-width="2"/>`);
  }
  out.push(
    `<line x1="${PLOT_LEFT}" y1="${n(plotTop + PLOT_HEIGHT)}" x2="${PLOT_RIGHT}" y2="${n(plotTop + PLOT_HEIGHT)}" stroke="${COLOURS.text}"/>`,
  );
  out.push('</g>');
  return out;
}

/**
 * The annual table as a chart: one panel per reporting group, bars for applications and decisions on a
 * shared count axis (left), grant rate as a line on its own axis (right). The rate axis does not start at
 * zero — rates between 90 and 100 % would be a flat line — and the footer says so.
 */
export function renderFeedSvg(table: FeedTable, reference: FeedReference): string {
  const { query } = table;
  if (query.period !== 'year' || query.reasonAxis !== 'group' || query.byCitizenship || query.bySponsorType) {
    throw new Error('the chart shows the annual table per group: use period year, groups, no breakdown');
  }
  const years = [...new Set(table.series.map((s) => s.period.year))].sort((a, b) => a - b);
  const maxCount = Math.max(0, ...table.series.flatMap((s) => [s.values.applications ?? 0, s.values.decisions ?? 0]));
  const countStep = niceStep(maxCount);
  const counts: Scale = { min: 0, max: Math.max(countStep, Math.ceil(maxCount / countStep) * countStep), step: countStep };
  const rateValues = table.series.flatMap((s) => (s.values.grantRatePercent === null ? [] : [s.values.grantRatePercent]));
  const lowestRate = rateValues.length === 0 ? 0 : Math.min(...rateValues);
  const rateMin = Math.max(0, Math.floor(lowestRate / 5) * 5 - 5);
  const rates: Scale = { min: rateMin, max: 100, step: 100 - rateMin > 50 ? 20 : 5 };

  const groups = reference.groups;
  const height = HEADER_HEIGHT + groups.length * PANEL_HEIGHT + FOOTER_HEIGHT;
  const title = `Applications, decisions and grant rate per group, ${years[0] ?? ''}–${years[years.length - 1] ?? ''}`;
  const legend = [
    ['applications', 'Applications (by submission date)'],
    ['decisions', 'Decisions (by decision date)'],
    ['grantRate', 'Grant rate (granted / decisions), right axis'],
  ] as const;
  const body = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" fill="${COLOURS.text}">`,
    `<title>${xml(title)}</title>`,
    `<desc>${xml(`${reference.dataflow.dataflowRef}, data as of ${table.asOf === null ? '-' : formatIsoDate(table.asOf)}`)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PLOT_LEFT}" y="28" font-size="18" font-weight="bold">${xml(title)}</text>`,
    ...legend.map(
      ([key, text], i) =>
        `<rect x="${PLOT_LEFT + i * 270}" y="44" width="14" height="14" fill="${COLOURS[key]}"/><text x="${PLOT_LEFT + i * 270 + 20}" y="55" font-size="12">${xml(text)}</text>`,
    ),
    ...groups.flatMap((group, i) =>
      panel(
        group.label,
        table.series.filter((s) => s.reason === group.id),
        years,
        counts,
        rates,
        HEADER_HEIGHT + i * PANEL_HEIGHT,
      ),
    ),
    `<text x="${PLOT_LEFT}" y="${height - 14}" font-size="11">${xml(
      `Grant rate axis starts at ${rateMin} %. Source: ${reference.dataflow.dataflowRef}; data as of ${table.asOf === null ? '-' : formatIsoDate(table.asOf)}.`,
    )}</text>`,
    '</svg>',
  ];
  return `${body.join('\n')}\n`;
}
