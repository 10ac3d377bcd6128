import { isDomainError } from '@welkom/errors';
import { bundledWelcomeCentreReference } from '@welkom/reference-data';
import { assertCollectionPoint } from './collection-point.policy';

const points = bundledWelcomeCentreReference();

function refusal(code: string): { reason?: string; fields: string[] } | undefined {
  try {
    assertCollectionPoint(code, '2026-09-01', points);
    return undefined;
  } catch (error) {
    if (isDomainError(error)) return { reason: error.reason, fields: error.fieldViolations.map((v) => v.field) };
    throw error;
  }
}

describe('the collection point an application names (DOMAIN.md §2.7)', () => {
  it.each([
    ['an expat centre with an IND desk', 'in-amsterdam'],
    ['an IND desk', 'ind-desk-zwolle'],
    ['none named', ''],
  ])('accepts %s', (_case, code) => {
    expect(refusal(code)).toBeUndefined();
  });

  it.each([
    ['an expat centre without an IND desk', 'leiden-international-centre'],
    ['an unknown code', 'nowhere'],
  ])('refuses %s with a field violation on collection_point', (_case, code) => {
    expect(refusal(code)).toEqual({ reason: 'INVALID_REQUEST', fields: ['collection_point'] });
  });
});
