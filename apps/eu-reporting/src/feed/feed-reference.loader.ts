import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { COUNTRY_CODE_PATTERN } from '@welkom/validation';
import {
  bundledDecisionPeriodReference,
  DECISION_PERIODS_FILE,
  readReferenceFile,
  ReferenceDataError,
  referenceFileSchema,
  type DecisionPeriodReference,
} from '@welkom/reference-data';
import { CitizenshipCodeList } from './citizenship-code';
import { FEED_MEASURES, SDMX_CONCEPTS, type DataflowReference, type FeedReference, type SdmxConcept } from './feed-reference';
import { PERMIT_CATEGORIES, SPONSOR_TYPES } from './permit-category';

/** The feed's own reference data, beside the app's `src`; the decision periods are the shared table (libs/reference-data). */
export const DEFAULT_REFERENCE_DIR = path.resolve(__dirname, '../../reference');

export const REFERENCE_FILES = {
  categories: 'permit-categories.v1.json',
  groups: 'reporting-groups.v1.json',
  dataflow: 'talent-feed.dataflow.v1.json',
  smallCells: 'small-cell-policy.v1.json',
  citizenships: 'iso-3166-1-alpha-2.v1.json',
} as const;

const text = z.string().min(1, 'expected a non-empty string');
/** A code that goes into SDMX-CSV: must not need quoting. */
const code = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected a plain code (letters, digits, _ . -)');
const positiveWhole = z.number().int().positive('expected a positive whole number');
const permitCategory = z.enum(PERMIT_CATEGORIES, { error: (issue) => `${JSON.stringify(issue.input)} is not a permit category` });

export const permitCategoriesFileSchema = referenceFileSchema({
  // Enum-keyed records are exhaustive in zod 4: every category needs a label.
  categories: z.record(permitCategory, z.object({ label: text })),
  processingTime: z.object({ euTargetDays: positiveWhole, euTargetSource: text, includesWithdrawals: z.boolean() }),
});

export const reportingGroupsFileSchema = referenceFileSchema({
  groups: z.array(z.object({ id: code, label: text, categories: z.array(permitCategory).min(1, 'a group needs at least one category') })),
});

export const dataflowFileSchema = referenceFileSchema({
  dataflow: z.object({ agency: code, id: code, version: code }),
  columns: z.object({ dataflow: text, lastUpdate: text, timePeriod: text, obsValue: text, obsFlag: text, confStatus: text }),
  dimensions: z.array(z.object({ column: code, concept: z.enum(SDMX_CONCEPTS as [string, ...string[]]) })),
  codes: z.object({
    frequency: z.object({ year: code, quarter: code, month: code }),
    indicator: z.record(z.enum(FEED_MEASURES), z.object({ code, unit: code })),
    reason: z.object({ groups: z.record(z.string(), code), categories: z.record(z.enum(PERMIT_CATEGORIES), code) }),
    citizenship: z.object({ total: code, overrides: z.record(z.string(), code).default({}) }),
    sponsorType: z.object({ total: code, ...Object.fromEntries(SPONSOR_TYPES.map((type) => [type, code])) }),
    geo: code,
  }),
  confidentiality: z.object({ obsFlag: code, primaryConfStatus: code, complementaryConfStatus: code }),
});

export const smallCellPolicyFileSchema = referenceFileSchema({
  threshold: positiveWhole,
  method: z.enum(['suppress', 'round'], { error: (issue) => `${JSON.stringify(issue.input)} is not "suppress" or "round"` }),
  roundingBase: positiveWhole,
});

const alpha2 = z.string().regex(COUNTRY_CODE_PATTERN, 'expected an ISO 3166-1 alpha-2 code');
export const citizenshipCodesFileSchema = referenceFileSchema({
  officiallyAssigned: z.array(alpha2).min(1),
  userAssigned: z.array(alpha2).default([]),
});

type DataflowFile = z.infer<typeof dataflowFileSchema>;
type GroupsFile = z.infer<typeof reportingGroupsFileSchema>;

/** What zod cannot see inside the dataflow: each concept once, distinct reason codes. */
function dataflowProblems(flow: DataflowFile): string[] {
  const problems: string[] = [];
  for (const concept of SDMX_CONCEPTS) {
    const uses = flow.dimensions.filter((d) => d.concept === concept).length;
    if (uses !== 1) problems.push(`dimensions: concept ${concept} must appear exactly once (found ${uses})`);
  }
  const reasonCodes = [...Object.values(flow.codes.reason.groups), ...Object.values(flow.codes.reason.categories)];
  if (new Set(reasonCodes).size !== reasonCodes.length) problems.push('codes.reason: codes must be distinct');
  return problems;
}

function groupProblems(groups: GroupsFile): string[] {
  const seen = new Set<string>();
  return groups.groups.flatMap((group, index) => {
    const duplicate = seen.has(group.id);
    seen.add(group.id);
    return duplicate ? [`groups[${index}] (${group.id}) .id: "${group.id}" appears twice`] : [];
  });
}

function toDataflowReference(flow: DataflowFile, groups: GroupsFile['groups']): DataflowReference {
  const { codes, columns, confidentiality } = flow;
  const sponsorCodes = codes.sponsorType as Record<string, string>;
  return {
    dataflowRef: `${flow.dataflow.agency}:${flow.dataflow.id}(${flow.dataflow.version})`,
    columns,
    dimensions: flow.dimensions.map((d) => ({ column: d.column, concept: d.concept as SdmxConcept })),
    frequency: codes.frequency,
    indicator: codes.indicator,
    groupReason: new Map(groups.map((g) => [g.id, codes.reason.groups[g.id]])),
    categoryReason: codes.reason.categories,
    citizenshipTotal: codes.citizenship.total,
    citizenshipOverrides: new Map(Object.entries(codes.citizenship.overrides)),
    sponsorTypeTotal: codes.sponsorType.total,
    sponsorType: Object.fromEntries(SPONSOR_TYPES.map((type) => [type, sponsorCodes[type]])) as DataflowReference['sponsorType'],
    geo: codes.geo,
    confidentialObsFlag: confidentiality.obsFlag,
    primaryConfStatus: confidentiality.primaryConfStatus,
    complementaryConfStatus: confidentiality.complementaryConfStatus,
  };
}

/** Group ids as written, even when the groups file is refused, so its reason codes are checked in the same round. */
function groupIdsIn(directory: string): string[] {
  try {
    const json: unknown = JSON.parse(readFileSync(path.join(directory, REFERENCE_FILES.groups), 'utf8'));
    const loose = z.object({ groups: z.array(z.looseObject({ id: z.string() })) }).safeParse(json);
    return loose.success ? loose.data.groups.map((group) => group.id) : [];
  } catch {
    return [];
  }
}

/**
 * Loads and checks every feed reference file through libs/reference-data, and takes the decision periods from
 * the shared table the IND counts with. Throws one error listing every problem of every file, each naming file,
 * entry and field, so a broken directory is fixed in one round (the feed fails closed).
 */
export function loadFeedReference(
  directory: string = DEFAULT_REFERENCE_DIR,
  decisionPeriods: DecisionPeriodReference = bundledDecisionPeriodReference(),
): FeedReference {
  const problems: string[] = [];
  function load<Schema extends z.ZodType>(
    schema: Schema,
    file: string,
    check?: (data: z.infer<Schema>) => readonly string[],
  ): z.infer<Schema> | undefined {
    try {
      return readReferenceFile(schema, path.join(directory, file), check);
    } catch (error: unknown) {
      if (!(error instanceof ReferenceDataError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  }
  const categories = load(permitCategoriesFileSchema, REFERENCE_FILES.categories);
  const groups = load(reportingGroupsFileSchema, REFERENCE_FILES.groups, groupProblems);
  const dataflow = load(dataflowFileSchema, REFERENCE_FILES.dataflow, dataflowProblems);
  const smallCells = load(smallCellPolicyFileSchema, REFERENCE_FILES.smallCells);
  const citizenships = load(citizenshipCodesFileSchema, REFERENCE_FILES.citizenships);
  // Across files: every reporting group needs its SDMX reason code.
  for (const id of groups?.groups.map((group) => group.id) ?? groupIdsIn(directory)) {
    if (dataflow !== undefined && dataflow.codes.reason.groups[id] === undefined) {
      problems.push(`${REFERENCE_FILES.dataflow}: codes.reason.groups.${id}: expected a code for reporting group ${id}`);
    }
  }
  if (problems.length > 0 || !categories || !groups || !dataflow || !smallCells || !citizenships) {
    throw new ReferenceDataError(path.basename(directory), problems);
  }
  return {
    versions: {
      [REFERENCE_FILES.categories]: categories.version,
      [REFERENCE_FILES.groups]: groups.version,
      [REFERENCE_FILES.dataflow]: dataflow.version,
      [REFERENCE_FILES.smallCells]: smallCells.version,
      [REFERENCE_FILES.citizenships]: citizenships.version,
      [DECISION_PERIODS_FILE]: decisionPeriods.version,
    },
    categoryLabels: Object.fromEntries(
      PERMIT_CATEGORIES.map((category) => [category, categories.categories[category].label]),
    ) as FeedReference['categoryLabels'],
    groups: groups.groups,
    decisionPeriods,
    euTargetDays: categories.processingTime.euTargetDays,
    processingTimeIncludesWithdrawals: categories.processingTime.includesWithdrawals,
    dataflow: toDataflowReference(dataflow, groups.groups),
    smallCellPolicy: { threshold: smallCells.threshold, method: smallCells.method, roundingBase: smallCells.roundingBase },
    citizenships: new CitizenshipCodeList([...citizenships.officiallyAssigned, ...citizenships.userAssigned]),
  };
}
