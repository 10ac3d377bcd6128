import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..');
const DEPCRUISE = join(REPO_ROOT, 'node_modules', '.bin', 'depcruise');

interface Plant {
  /** Where the file goes, relative to the repository root; the rule depends on the path. */
  readonly at: string;
  readonly source: string;
  /** The rule that must report it, or null for a control that every rule allows. */
  readonly rule: string | null;
}

interface Violation {
  from: string;
  rule: { name: string };
}

/**
 * Runs dependency-cruiser with the real .dependency-cruiser.js over files planted in the tree for the run
 * (unique names, removed afterwards), one direct import each, and returns what it reported per file.
 */
function cruise(plants: readonly Plant[]): Map<string, string[]> {
  const tag = `planted-${process.pid}-${randomBytes(4).toString('hex')}`;
  const files = plants.map((plant, index) => plant.at.replace('<planted>', `${tag}-${index}`));
  try {
    plants.forEach((plant, index) => writeFileSync(join(REPO_ROOT, files[index]), plant.source));
    const result = spawnSync(DEPCRUISE, ['--config', '.dependency-cruiser.js', '--output-type', 'json', '--max-depth', '1', ...files], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (result.error) throw result.error;
    const report = JSON.parse(result.stdout) as { summary: { violations: Violation[] } };
    const byFile = new Map<string, string[]>(files.map((file) => [file, []]));
    for (const violation of report.summary.violations) byFile.get(violation.from)?.push(violation.rule.name);
    return new Map(plants.map((plant, index) => [plant.at, byFile.get(files[index]) ?? []]));
  } finally {
    for (const file of files) rmSync(join(REPO_ROOT, file), { force: true });
  }
}

const PLANTS: readonly Plant[] = [
  { at: 'libs/testing/src/<planted>.ts', source: "import '../../../scripts/start';\n", rule: 'lib-imports-tooling' },
  { at: 'libs/persistence/src/<planted>.ts', source: "import '../../../deploy/kafka/kafka.cli';\n", rule: 'lib-imports-tooling' },
  { at: 'libs/events/src/<planted>.ts', source: "import '../../../bench/events/latency.stats';\n", rule: 'lib-imports-tooling' },
  {
    at: 'apps/eu-reporting/src/feed/<planted>.ts',
    source: "export { SeededRandom } from '../../tools/history/seeded-random';\n",
    rule: 'service-imports-tools',
  },
  { at: 'bench/events/<planted>.ts', source: "import '../../apps/hub/src/hub.errors';\n", rule: 'bench-imports-app' },
  {
    at: 'apps/university/src/duty-to-notify/<planted>.service.ts',
    source: "import type { EntityManager } from 'typeorm';\nexport type Handle = EntityManager;\n",
    rule: 'typeorm-outside-persistence',
  },
  {
    at: 'scripts/<planted>.ts',
    source: "import { DataSource } from 'typeorm';\nexport const source = DataSource;\n",
    rule: 'typeorm-outside-persistence',
  },
  {
    at: 'apps/hub/src/audit/<planted>.service.ts',
    source: "import { status } from '@grpc/grpc-js';\nexport const code = status.NOT_FOUND;\n",
    rule: 'grpc-js-outside-transport',
  },
  {
    at: 'libs/infrastructure/src/<planted>.ts',
    source: "import { Kafka } from 'kafkajs';\nexport const client = Kafka;\n",
    rule: 'kafkajs-outside-messaging',
  },
  {
    at: 'deploy/kafka/<planted>.ts',
    source: "import { Kafka } from 'kafkajs';\nexport const client = Kafka;\n",
    rule: 'kafkajs-outside-messaging',
  },
  { at: 'apps/ind/src/<planted>.ts', source: "import '../../hub/src/hub.errors';\n", rule: 'app-imports-other-app' },
  { at: 'libs/grpc/src/<planted>.ts', source: "import '../../../apps/hub/src/hub.errors';\n", rule: 'lib-imports-app' },
  // Controls: the same imports where the rules allow them, so a rule that matched everything would fail too.
  {
    at: 'apps/university/src/duty-to-notify/<planted>.repository.ts',
    source: "import type { EntityManager } from 'typeorm';\nexport type Handle = EntityManager;\n",
    rule: null,
  },
  {
    at: 'apps/hub/src/audit/<planted>.grpc-controller.ts',
    source: "import { status } from '@grpc/grpc-js';\nexport const code = status.NOT_FOUND;\n",
    rule: null,
  },
  { at: 'libs/messaging/src/<planted>.ts', source: "import { Kafka } from 'kafkajs';\nexport const client = Kafka;\n", rule: null },
  {
    at: 'apps/eu-reporting/tools/cli/<planted>.ts',
    source: "export { loadFeedReference } from '../../src/feed/feed-reference.loader';\n",
    rule: null,
  },
];

describe('npm run boundaries (dependency-cruiser)', () => {
  let reported: Map<string, string[]>;

  beforeAll(() => {
    reported = cruise(PLANTS);
  }, 60_000);

  it.each(PLANTS.filter((plant) => plant.rule !== null).map((plant) => [plant.rule, plant.at, plant] as const))(
    'reports %s for an import planted in %s',
    (rule, at) => {
      expect(reported.get(at)).toEqual([rule]);
    },
  );

  it.each(PLANTS.filter((plant) => plant.rule === null).map((plant) => [plant.at] as const))('allows the same import in %s', (at) => {
    expect(reported.get(at)).toEqual([]);
  });
});
