import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkIsoDate, type EpochDay } from '@welkom/platform';
import { CitizenshipCodeList } from './citizenship-code';
import {
  FEED_MEASURES,
  SDMX_CONCEPTS,
  type DataflowReference,
  type FeedMeasure,
  type FeedReference,
  type PeriodKind,
  type ReportingGroup,
  type SdmxConcept,
  type SmallCellMethod,
  type StatutoryPeriodRule,
  type StatutoryPeriodVersion,
} from './feed-reference';
import {
  isPermitCategory,
  isSponsorType,
  PERMIT_CATEGORIES,
  SPONSOR_TYPES,
  type PermitCategory,
  type SponsorType,
} from './permit-category';

/** The committed reference data, beside the app's `src`. */
export const DEFAULT_REFERENCE_DIR = path.resolve(__dirname, '../../reference');

export const REFERENCE_FILES = {
  categories: 'permit-categories.v1.json',
  groups: 'reporting-groups.v1.json',
  dataflow: 'talent-feed.dataflow.v1.json',
  smallCells: 'small-cell-policy.v1.json',
  citizenships: 'iso-3166-1-alpha-2.v1.json',
} as const;

export class FeedReferenceError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Reference data is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'FeedReferenceError';
  }
}

type Json = unknown;
type JsonObject = { readonly [key: string]: Json };

/**
 * Reads JSON by path and records every problem instead of stopping at the first, so a broken reference file
 * is fixed in one round (the feed fails closed: it will not start on reference data it cannot trust).
 */
class ReferenceReader {
  readonly problems: string[] = [];

  object(value: Json, where: string): JsonObject {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
    this.problems.push(`${where}: expected an object`);
    return {};
  }

  array(value: Json, where: string): readonly Json[] {
    if (Array.isArray(value)) return value;
    this.problems.push(`${where}: expected an array`);
    return [];
  }

  string(value: Json, where: string): string {
    if (typeof value === 'string' && value !== '') return value;
    this.problems.push(`${where}: expected a non-empty string`);
    return '';
  }

  boolean(value: Json, where: string): boolean {
    if (typeof value === 'boolean') return value;
    this.problems.push(`${where}: expected true or false`);
    return false;
  }

  positiveInteger(value: Json, where: string): number {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    this.problems.push(`${where}: expected a positive whole number`);
    return 1;
  }

  optionalDate(value: Json, where: string): EpochDay | null {
    if (value === null || value === undefined) return null;
    const day = typeof value === 'string' ? checkIsoDate(value) : 'FORMAT';
    if (typeof day === 'number') return day;
    this.problems.push(`${where}: expected an ISO date or null`);
    return null;
  }

  category(value: Json, where: string): PermitCategory {
    const text = this.string(value, where);
    if (isPermitCategory(text)) return text;
    if (text !== '') this.problems.push(`${where}: "${text}" is not a permit category`);
    return PERMIT_CATEGORIES[0];
  }

  /** A code that goes into SDMX-CSV: must not need quoting. */
  code(value: Json, where: string): string {
    const text = this.string(value, where);
    if (text !== '' && !/^[A-Za-z0-9_.\-]+$/.test(text)) this.problems.push(`${where}: "${text}" is not a plain code`);
    return text;
  }
}

function readJson(directory: string, file: string, reader: ReferenceReader): JsonObject {
  const fullPath = path.join(directory, file);
  try {
    return reader.object(JSON.parse(readFileSync(fullPath, 'utf8')), file);
  } catch (error) {
    reader.problems.push(`${file}: cannot read (${error instanceof Error ? error.message : String(error)})`);
    return {};
  }
}

function readGroups(doc: JsonObject, r: ReferenceReader): ReportingGroup[] {
  const where = REFERENCE_FILES.groups;
  const seen = new Set<string>();
  return r.array(doc.groups, `${where} groups`).map((entry, i) => {
    const at = `${where} groups[${i}]`;
    const group = r.object(entry, at);
    const id = r.code(group.id, `${at}.id`);
    if (seen.has(id)) r.problems.push(`${at}.id: "${id}" appears twice`);
    seen.add(id);
    const categories = r.array(group.categories, `${at}.categories`).map((c, j) => r.category(c, `${at}.categories[${j}]`));
    if (categories.length === 0) r.problems.push(`${at}.categories: a group needs at least one category`);
    return { id, label: r.string(group.label, `${at}.label`), categories };
  });
}

function readStatutoryPeriods(doc: JsonObject, r: ReferenceReader): StatutoryPeriodVersion[] {
  const where = `${REFERENCE_FILES.categories} statutoryDecisionPeriods`;
  const versions = r.array(doc.statutoryDecisionPeriods, where).map((entry, i): StatutoryPeriodVersion => {
    const at = `${where}[${i}]`;
    const version = r.object(entry, at);
    const rules = r.array(version.rules, `${at}.rules`).map((ruleEntry, j): StatutoryPeriodRule => {
      const ruleAt = `${at}.rules[${j}]`;
      const rule = r.object(ruleEntry, ruleAt);
      const category = r.category(rule.category, `${ruleAt}.category`);
      const days = r.positiveInteger(rule.days, `${ruleAt}.days`);
      if (rule.sponsorType === undefined) return { category, days };
      const sponsorType = r.string(rule.sponsorType, `${ruleAt}.sponsorType`);
      if (!isSponsorType(sponsorType)) {
        r.problems.push(`${ruleAt}.sponsorType: "${sponsorType}" is not one of ${SPONSOR_TYPES.join(', ')}`);
        return { category, days };
      }
      return { category, sponsorType, days };
    });
    return {
      validFrom: r.optionalDate(version.validFrom, `${at}.validFrom`),
      validTo: r.optionalDate(version.validTo, `${at}.validTo`),
      defaultDays: r.positiveInteger(version.defaultDays, `${at}.defaultDays`),
      rules,
    };
  });
  // Versions must tile time without gaps or overlaps, so every application has exactly one period.
  if (versions.length === 0) r.problems.push(`${where}: at least one version is needed`);
  versions.forEach((version, i) => {
    if (i === 0 && version.validFrom !== null) r.problems.push(`${where}[0].validFrom: the first version must be open (null)`);
    if (i === versions.length - 1 && version.validTo !== null) {
      r.problems.push(`${where}[${i}].validTo: the last version must be open (null)`);
    }
    const next = versions[i + 1];
    if (next !== undefined && (version.validTo === null || next.validFrom !== version.validTo + 1)) {
      r.problems.push(`${where}[${i + 1}].validFrom: must be the day after the previous version's validTo`);
    }
  });
  return versions;
}

function readCategoryLabels(doc: JsonObject, r: ReferenceReader): Record<PermitCategory, string> {
  const where = `${REFERENCE_FILES.categories} categories`;
  const categories = r.object(doc.categories, where);
  for (const key of Object.keys(categories)) {
    if (!isPermitCategory(key)) r.problems.push(`${where}.${key}: not a permit category`);
  }
  const labels = {} as Record<PermitCategory, string>;
  for (const category of PERMIT_CATEGORIES) {
    labels[category] = r.string(r.object(categories[category], `${where}.${category}`).label, `${where}.${category}.label`);
  }
  return labels;
}

function readDataflow(doc: JsonObject, groups: readonly ReportingGroup[], r: ReferenceReader): DataflowReference {
  const file = REFERENCE_FILES.dataflow;
  const flow = r.object(doc.dataflow, `${file} dataflow`);
  const columns = r.object(doc.columns, `${file} columns`);
  const codes = r.object(doc.codes, `${file} codes`);
  const column = (key: string): string => r.string(columns[key], `${file} columns.${key}`);

  const dimensions = r.array(doc.dimensions, `${file} dimensions`).map((entry, i) => {
    const dimension = r.object(entry, `${file} dimensions[${i}]`);
    const concept = r.string(dimension.concept, `${file} dimensions[${i}].concept`);
    if (!SDMX_CONCEPTS.includes(concept as SdmxConcept)) {
      r.problems.push(`${file} dimensions[${i}].concept: "${concept}" is not one of ${SDMX_CONCEPTS.join(', ')}`);
    }
    return { column: r.code(dimension.column, `${file} dimensions[${i}].column`), concept: concept as SdmxConcept };
  });
  for (const concept of SDMX_CONCEPTS) {
    const uses = dimensions.filter((d) => d.concept === concept).length;
    if (uses !== 1) r.problems.push(`${file} dimensions: concept ${concept} must appear exactly once (found ${uses})`);
  }

  const frequencyCodes = r.object(codes.frequency, `${file} codes.frequency`);
  const frequency = {} as Record<PeriodKind, string>;
  for (const kind of ['year', 'quarter', 'month'] as const) {
    frequency[kind] = r.code(frequencyCodes[kind], `${file} codes.frequency.${kind}`);
  }

  const indicatorCodes = r.object(codes.indicator, `${file} codes.indicator`);
  const indicator = {} as Record<FeedMeasure, { code: string; unit: string }>;
  for (const measure of FEED_MEASURES) {
    const at = `${file} codes.indicator.${measure}`;
    const entry = r.object(indicatorCodes[measure], at);
    indicator[measure] = { code: r.code(entry.code, `${at}.code`), unit: r.code(entry.unit, `${at}.unit`) };
  }

  const reason = r.object(codes.reason, `${file} codes.reason`);
  const groupCodes = r.object(reason.groups, `${file} codes.reason.groups`);
  const groupReason = new Map(groups.map((g) => [g.id, r.code(groupCodes[g.id], `${file} codes.reason.groups.${g.id}`)]));
  const categoryCodes = r.object(reason.categories, `${file} codes.reason.categories`);
  const categoryReason = {} as Record<PermitCategory, string>;
  for (const category of PERMIT_CATEGORIES) {
    categoryReason[category] = r.code(categoryCodes[category], `${file} codes.reason.categories.${category}`);
  }
  const reasonCodes = [...groupReason.values(), ...Object.values(categoryReason)];
  if (new Set(reasonCodes).size !== reasonCodes.length) r.problems.push(`${file} codes.reason: codes must be distinct`);

  const citizenship = r.object(codes.citizenship, `${file} codes.citizenship`);
  const overrides = r.object(citizenship.overrides ?? {}, `${file} codes.citizenship.overrides`);
  const sponsorCodes = r.object(codes.sponsorType, `${file} codes.sponsorType`);
  const sponsorType = {} as Record<SponsorType, string>;
  for (const type of SPONSOR_TYPES) sponsorType[type] = r.code(sponsorCodes[type], `${file} codes.sponsorType.${type}`);

  const confidentiality = r.object(doc.confidentiality, `${file} confidentiality`);
  const agency = r.code(flow.agency, `${file} dataflow.agency`);
  const id = r.code(flow.id, `${file} dataflow.id`);
  const version = r.code(flow.version, `${file} dataflow.version`);
  return {
    dataflowRef: `${agency}:${id}(${version})`,
    columns: {
      dataflow: column('dataflow'),
      lastUpdate: column('lastUpdate'),
      timePeriod: column('timePeriod'),
      obsValue: column('obsValue'),
      obsFlag: column('obsFlag'),
      confStatus: column('confStatus'),
    },
    dimensions,
    frequency,
    indicator,
    groupReason,
    categoryReason,
    citizenshipTotal: r.code(citizenship.total, `${file} codes.citizenship.total`),
    citizenshipOverrides: new Map(
      Object.entries(overrides).map(([from, to]) => [from, r.code(to, `${file} codes.citizenship.overrides.${from}`)]),
    ),
    sponsorTypeTotal: r.code(sponsorCodes.total, `${file} codes.sponsorType.total`),
    sponsorType,
    geo: r.code(codes.geo, `${file} codes.geo`),
    confidentialObsFlag: r.code(confidentiality.obsFlag, `${file} confidentiality.obsFlag`),
    primaryConfStatus: r.code(confidentiality.primaryConfStatus, `${file} confidentiality.primaryConfStatus`),
    complementaryConfStatus: r.code(
      confidentiality.complementaryConfStatus,
      `${file} confidentiality.complementaryConfStatus`,
    ),
  };
}

function version(doc: JsonObject, file: string, r: ReferenceReader): string {
  return r.string(doc.version, `${file} version`);
}

/** Loads and checks every reference file; throws one error listing every problem found. */
export function loadFeedReference(directory: string = DEFAULT_REFERENCE_DIR): FeedReference {
  const r = new ReferenceReader();
  const categoriesDoc = readJson(directory, REFERENCE_FILES.categories, r);
  const groupsDoc = readJson(directory, REFERENCE_FILES.groups, r);
  const dataflowDoc = readJson(directory, REFERENCE_FILES.dataflow, r);
  const smallCellsDoc = readJson(directory, REFERENCE_FILES.smallCells, r);
  const citizenshipsDoc = readJson(directory, REFERENCE_FILES.citizenships, r);

  const groups = readGroups(groupsDoc, r);
  const processingTime = r.object(categoriesDoc.processingTime, `${REFERENCE_FILES.categories} processingTime`);

  const smallCellsFile = REFERENCE_FILES.smallCells;
  const method = r.string(smallCellsDoc.method, `${smallCellsFile} method`);
  if (method !== 'suppress' && method !== 'round') {
    r.problems.push(`${smallCellsFile} method: "${method}" is not "suppress" or "round"`);
  }
  const appliesByDefault = r.object(smallCellsDoc.appliesByDefault, `${smallCellsFile} appliesByDefault`);

  const citizenshipCodes = [
    ...r.array(citizenshipsDoc.officiallyAssigned, `${REFERENCE_FILES.citizenships} officiallyAssigned`),
    ...r.array(citizenshipsDoc.userAssigned ?? [], `${REFERENCE_FILES.citizenships} userAssigned`),
  ].map((code, i) => r.string(code, `${REFERENCE_FILES.citizenships} code ${i}`));
  const malformedCodes = citizenshipCodes.filter((code) => !/^[A-Z]{2}$/.test(code));
  if (malformedCodes.length > 0) {
    r.problems.push(`${REFERENCE_FILES.citizenships}: not alpha-2 codes: ${malformedCodes.join(', ')}`);
  }

  const reference: FeedReference = {
    versions: {
      [REFERENCE_FILES.categories]: version(categoriesDoc, REFERENCE_FILES.categories, r),
      [REFERENCE_FILES.groups]: version(groupsDoc, REFERENCE_FILES.groups, r),
      [REFERENCE_FILES.dataflow]: version(dataflowDoc, REFERENCE_FILES.dataflow, r),
      [REFERENCE_FILES.smallCells]: version(smallCellsDoc, REFERENCE_FILES.smallCells, r),
      [REFERENCE_FILES.citizenships]: version(citizenshipsDoc, REFERENCE_FILES.citizenships, r),
    },
    categoryLabels: readCategoryLabels(categoriesDoc, r),
    groups,
    statutoryPeriods: readStatutoryPeriods(categoriesDoc, r),
    euTargetDays: r.positiveInteger(processingTime.euTargetDays, `${REFERENCE_FILES.categories} processingTime.euTargetDays`),
    processingTimeIncludesWithdrawals: r.boolean(
      processingTime.includesWithdrawals,
      `${REFERENCE_FILES.categories} processingTime.includesWithdrawals`,
    ),
    dataflow: readDataflow(dataflowDoc, groups, r),
    smallCellPolicy: {
      threshold: r.positiveInteger(smallCellsDoc.threshold, `${smallCellsFile} threshold`),
      method: method as SmallCellMethod,
      roundingBase: r.positiveInteger(smallCellsDoc.roundingBase, `${smallCellsFile} roundingBase`),
    },
    smallCellsByDefault: {
      national: r.boolean(appliesByDefault.national, `${smallCellsFile} appliesByDefault.national`),
      citizenshipBreakdown: r.boolean(
        appliesByDefault.citizenshipBreakdown,
        `${smallCellsFile} appliesByDefault.citizenshipBreakdown`,
      ),
    },
    citizenships: new CitizenshipCodeList(malformedCodes.length > 0 ? [] : citizenshipCodes),
  };
  if (r.problems.length > 0) throw new FeedReferenceError(r.problems);
  return reference;
}
