import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import guidanceJson from '../apps/rvo/reference/point-of-entry-guidance.v1.json';

// The Point of Entry's preview tells a person what will be shared, with whom and why. It must say what the hub's
// grant really allows: the same evidence type, purpose and fields as the grant it names.
interface GrantFile {
  grants: { id: string; requester: { role?: string }; evidenceType: string; purpose: string; allowedFields: string[] }[];
}
const grants = (JSON.parse(readFileSync(path.join(__dirname, '..', 'deploy', 'hub', 'dev-grants.v1.json'), 'utf8')) as GrantFile).grants;

const steps = guidanceJson.categories.flatMap((category) => category.evidence.map((step) => [category.category, step.type, step] as const));

describe('the guidance preview agrees with the hub’s grants', () => {
  it.each(steps)('%s: the %s preview shows the grant it names', (_category, _type, step) => {
    const grant = grants.find((candidate) => candidate.id === step.grantId);
    expect(grant).toBeDefined();
    expect({
      evidenceType: grant?.evidenceType,
      purpose: grant?.purpose,
      fields: grant?.allowedFields,
      sharedWith: grant?.requester.role,
    }).toEqual({
      evidenceType: step.type,
      purpose: step.purpose,
      fields: step.fields,
      sharedWith: step.sharedWith,
    });
  });
});
