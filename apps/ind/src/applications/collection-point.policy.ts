import type { WelcomeCentreReference } from '@welkom/reference-data';
import { IndError } from '../ind.errors';

/**
 * A named collection point must be an IND desk or an expat centre with an IND desk on the day of receipt
 * (welcome-centres.v1.json, DOMAIN.md §2.7): a centre without a desk cannot hand out the residence document.
 * '' names none and passes.
 */
export function assertCollectionPoint(code: string, on: string, points: WelcomeCentreReference): void {
  if (code === '' || points.collectionPoint(code, on) !== undefined) return;
  throw IndError.invalid([
    { field: 'collection_point', description: `is not an IND desk or an expat centre with an IND desk on ${on} (${points.version})` },
  ]);
}
