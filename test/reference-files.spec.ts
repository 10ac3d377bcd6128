import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  readDecisionPeriodReference,
  readMvvExemptionReference,
  readOperatorRegister,
  readPartyFile,
  readReferenceFile,
  readSalaryThresholdReference,
  readWelcomeCentreReference,
} from '@welkom/reference-data';
import { parseConsularPostReference } from '../apps/consular/src/posts/consular-post.reference';
import { parseMvvTimeLimitReference } from '../apps/consular/src/entry-visa/mvv-time-limit.reference';
import { readEvidenceCatalogue } from '../apps/hub/src/catalogue/evidence-catalogue';
import { readGrantSeed } from '../apps/hub/src/grants/grant-seed';
import { readPartySeed } from '../apps/hub/src/party-registry/party-seed';
import { readIdentityLinkAuthorities } from '../apps/hub/src/subjects/identity-link-authority.reference';
import { parsePublicHolidayReference } from '../apps/ind/src/deadlines/public-holiday.reference';
import { parseDecisionRules } from '../apps/ind/src/decisions/decision-rules';
import { parseEvidenceRequestReference } from '../apps/ind/src/reference-data/evidence-request.reference';
import { parseRecognisedSponsorReference } from '../apps/ind/src/sponsors/recognised-sponsor.register';
import { parseFamilyMembersRules } from '../apps/ind/src/families/family-members.reference';
import { parseOrientationYearRules } from '../apps/ind/src/orientation-year/orientation-year.reference';
import { parseFilingChannels } from '../apps/ind/src/self-applicants/filing-channel.reference';
import { parseStartUpRules as parseStartUpPermitRules } from '../apps/ind/src/start-up/start-up.reference';
import { parseSelfEmployedRules } from '../apps/ind/src/self-employed/self-employed.reference';
import { parseEssentialPersonnelRules } from '../apps/rvo/src/essential-personnel/essential-personnel.reference';
import { parseSelfEmployedPointsRules } from '../apps/rvo/src/self-employed/self-employed-points.reference';
import { parseStartUpRules } from '../apps/rvo/src/start-up/start-up-rules.reference';
import { parseGuidanceReference } from '../apps/rvo/src/guidance/guidance.reference';
import { parseLabourMarketRules } from '../apps/uwv/src/labour-market/labour-market-rules.reference';
import { parseWelcomeCentreCapacities } from '../apps/rvo/src/relocation/welcome-centre-capacity.reference';
import {
  citizenshipCodesFileSchema,
  dataflowFileSchema,
  loadFeedReference,
  permitCategoriesFileSchema,
  reportingGroupsFileSchema,
  smallCellPolicyFileSchema,
} from '../apps/eu-reporting/src/feed/feed-reference.loader';

const ROOT = path.join(__dirname, '..');
const at = (file: string): string => path.join(ROOT, file);
const json = (file: string): unknown => JSON.parse(readFileSync(at(file), 'utf8'));

/** JSON in the repository that is tool configuration, not reference data. */
const NOT_REFERENCE_DATA = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'nest-cli.json', '.prettierrc.json']);

/**
 * Every reference file the repository ships, with the loader its service uses (each through libs/reference-data
 * and a zod schema). A new JSON file must be added here or to NOT_REFERENCE_DATA, or the test below fails.
 */
const LOADERS: Record<string, (file: string) => unknown> = {
  'libs/reference-data/tables/decision-periods.v1.json': (file) => readDecisionPeriodReference(at(file)),
  'libs/reference-data/tables/salary-thresholds.v1.json': (file) => readSalaryThresholdReference(at(file)),
  'libs/reference-data/tables/welcome-centres.v1.json': (file) => readWelcomeCentreReference(at(file)),
  'libs/reference-data/tables/mvv-exemptions.v1.json': (file) => readMvvExemptionReference(at(file)),
  'apps/consular/reference/consular-posts.v1.json': (file) => parseConsularPostReference(json(file)),
  'apps/consular/reference/mvv-time-limits.v1.json': (file) => parseMvvTimeLimitReference(json(file)),
  'apps/ind/reference/decision-rules.v1.json': (file) => parseDecisionRules(json(file)),
  'apps/ind/reference/dutch-public-holidays.v1.json': (file) => parsePublicHolidayReference(json(file)),
  'apps/ind/reference/evidence-requests.v1.json': (file) => parseEvidenceRequestReference(json(file)),
  'apps/ind/reference/recognised-sponsors.json': (file) => parseRecognisedSponsorReference(json(file)),
  'apps/ind/reference/orientation-year.v1.json': (file) => parseOrientationYearRules(json(file)),
  'apps/ind/reference/family-members.v1.json': (file) => parseFamilyMembersRules(json(file)),
  'apps/ind/reference/filing-channels.v1.json': (file) => parseFilingChannels(json(file)),
  'apps/ind/reference/start-up.v1.json': (file) => parseStartUpPermitRules(json(file)),
  'apps/ind/reference/self-employed.v1.json': (file) => parseSelfEmployedRules(json(file)),
  'apps/rvo/reference/start-up-rules.v1.json': (file) => parseStartUpRules(json(file)),
  'apps/rvo/reference/essential-start-up-personnel.v1.json': (file) => parseEssentialPersonnelRules(json(file)),
  'apps/rvo/reference/self-employed-points.v1.json': (file) => parseSelfEmployedPointsRules(json(file)),
  'apps/rvo/reference/point-of-entry-guidance.v1.json': (file) => parseGuidanceReference(json(file)),
  'apps/uwv/reference/labour-market-rules.v1.json': (file) => parseLabourMarketRules(json(file)),
  'apps/rvo/reference/welcome-centre-capacity.v1.json': (file) => parseWelcomeCentreCapacities(json(file)),
  'apps/eu-reporting/reference/permit-categories.v1.json': (file) => readReferenceFile(permitCategoriesFileSchema, at(file)),
  'apps/eu-reporting/reference/reporting-groups.v1.json': (file) => readReferenceFile(reportingGroupsFileSchema, at(file)),
  'apps/eu-reporting/reference/talent-feed.dataflow.v1.json': (file) => readReferenceFile(dataflowFileSchema, at(file)),
  'apps/eu-reporting/reference/small-cell-policy.v1.json': (file) => readReferenceFile(smallCellPolicyFileSchema, at(file)),
  'apps/eu-reporting/reference/iso-3166-1-alpha-2.v1.json': (file) => readReferenceFile(citizenshipCodesFileSchema, at(file)),
  'deploy/hub/evidence-catalogue.v1.json': (file) => readEvidenceCatalogue(at(file)),
  'deploy/hub/identity-link-authorities.v1.json': (file) => readIdentityLinkAuthorities(at(file)),
  'deploy/hub/dev-grants.v1.json': (file) => readGrantSeed(at(file), readEvidenceCatalogue(at('deploy/hub/evidence-catalogue.v1.json'))),
  'deploy/hub/operators.v1.json': (file) => readOperatorRegister(at(file)),
  'deploy/parties/dev-parties.json': (file) => {
    readPartySeed(at(file));
    return readPartyFile(at(file));
  },
};

function shippedJsonFiles(): string[] {
  return execFileSync('git', ['ls-files', '*.json'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file !== '' && !file.includes('node_modules/'));
}

describe('every shipped reference file loads through libs/reference-data', () => {
  it('knows every JSON file in the repository: a loader for reference data, or listed as tool configuration', () => {
    const unclaimed = shippedJsonFiles().filter((file) => !(file in LOADERS) && !NOT_REFERENCE_DATA.has(file));
    expect(unclaimed).toEqual([]);
  });

  it.each(Object.keys(LOADERS))('%s loads, with a version and at least one source', (file) => {
    expect(() => LOADERS[file](file)).not.toThrow();
    const raw = json(file) as { version?: unknown; sources?: unknown[] };
    expect(typeof raw.version).toBe('string');
    expect(raw.sources?.length).toBeGreaterThan(0);
  });

  it('loads the feed reference as the feed does, decision periods included', () => {
    const table = json('libs/reference-data/tables/decision-periods.v1.json') as { version: string };
    expect(loadFeedReference().versions['decision-periods.v1.json']).toBe(table.version);
  });
});
