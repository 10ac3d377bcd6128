import type { FieldViolation } from '@welkom/errors';
import type { EvidenceCatalogueEntry } from '../catalogue/evidence-catalogue';

const DAY_MS = 24 * 3600 * 1000;
/** Clocks of sources and hub disagree a little; a fact stamped a few minutes ahead is not from the future. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The catalogue's validity rules for one piece of evidence: issued not in the future, valid for the
 * catalogue's default when the source says nothing, never longer than its maximum, and not already over.
 */
export function evidenceValidity(
  entry: EvidenceCatalogueEntry,
  issuedAtInput: Date | undefined,
  validUntilInput: Date | undefined,
  now: Date,
  path = 'evidence',
): { issuedAt: Date; validUntil: Date } | { violations: FieldViolation[] } {
  const violations: FieldViolation[] = [];
  const issuedAt = issuedAtInput ?? now;
  if (issuedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    violations.push({ field: `${path}.issued_at`, description: 'must not be in the future' });
  }
  const validUntil = validUntilInput ?? new Date(issuedAt.getTime() + entry.validity.defaultDays * DAY_MS);
  if (validUntil.getTime() <= issuedAt.getTime()) {
    violations.push({ field: `${path}.valid_until`, description: 'must be after issued_at' });
  } else if (validUntil.getTime() > issuedAt.getTime() + entry.validity.maxDays * DAY_MS) {
    violations.push({
      field: `${path}.valid_until`,
      description: `must be at most ${entry.validity.maxDays} days after issued_at for ${entry.type}`,
    });
  } else if (validUntil.getTime() <= now.getTime()) {
    violations.push({ field: `${path}.valid_until`, description: 'is already over' });
  }
  return violations.length > 0 ? { violations } : { issuedAt, validUntil };
}
