import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { ReferenceDataError } from './reference-data.error';

/** Fields that name an entry in an error message, most telling first. */
const LABEL_FIELDS = ['id', 'key', 'type', 'category', 'evidenceType', 'oin', 'code', 'year', 'name', 'validFrom'] as const;

function labelOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of LABEL_FIELDS) {
    const label = record[field];
    if (typeof label === 'string' || typeof label === 'number') return String(label);
  }
  return undefined;
}

/**
 * A zod issue path as a reader finds it in the file: `versions[0] (2024-06-12) .statutory.rules[2]
 * (PERMIT_CATEGORY_EU_BLUE_CARD) .days`. Each list element is followed by its label (id, type, category…) so
 * the entry can be found by name, not only by counting.
 */
export function describePath(json: unknown, issuePath: readonly PropertyKey[]): string {
  let text = '';
  let value: unknown = json;
  for (const segment of issuePath) {
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      const label = labelOf(value);
      if (label !== undefined) text += ` (${label}) `;
    } else {
      text += text === '' ? String(segment) : `.${String(segment)}`;
    }
  }
  return text === '' ? '(root)' : text.trimEnd();
}

/**
 * Checks `json` with the file's zod schema, then with `check` (what a schema cannot say: overlaps, cross
 * references). Throws one `ReferenceDataError` listing every problem as `file: entry .field: message`.
 * `file` is the file's name as people call it (`decision-periods.v1.json`).
 */
export function parseReferenceFile<Schema extends z.ZodType>(
  schema: Schema,
  json: unknown,
  file: string,
  check: (data: z.infer<Schema>) => readonly string[] = () => [],
): z.infer<Schema> {
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new ReferenceDataError(
      file,
      result.error.issues.map((issue) => `${file}: ${describePath(json, issue.path)}: ${issue.message}`),
    );
  }
  const problems = check(result.data);
  if (problems.length > 0)
    throw new ReferenceDataError(
      file,
      problems.map((problem) => `${file}: ${problem}`),
    );
  return result.data;
}

/** Reads a reference file from disk and parses it like `parseReferenceFile`; an unreadable file is a problem too. */
export function readReferenceFile<Schema extends z.ZodType>(
  schema: Schema,
  filePath: string,
  check?: (data: z.infer<Schema>) => readonly string[],
): z.infer<Schema> {
  const file = path.basename(filePath);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error: unknown) {
    // Not `instanceof Error`: errors from node:fs may come from another realm (jest's sandbox).
    const reason = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    throw new ReferenceDataError(file, [`${file}: cannot read (${reason})`]);
  }
  return parseReferenceFile(schema, json, file, check);
}
