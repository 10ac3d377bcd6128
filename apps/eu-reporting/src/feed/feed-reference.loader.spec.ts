import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bundledDecisionPeriodReference, parseDecisionPeriodReference, ReferenceDataError } from '@welkom/reference-data';
import { DEFAULT_REFERENCE_DIR, loadFeedReference, REFERENCE_FILES } from './feed-reference.loader';
import { citizenshipCodeOf } from './citizenship-code';

function withReferenceCopy(edit: (directory: string) => void): () => unknown {
  return () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'feed-reference-'));
    try {
      cpSync(DEFAULT_REFERENCE_DIR, directory, { recursive: true });
      edit(directory);
      return loadFeedReference(directory);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  };
}

function editJson(directory: string, file: string, change: (doc: Record<string, unknown>) => void): void {
  const fullPath = path.join(directory, file);
  const doc = JSON.parse(readFileSync(fullPath, 'utf8')) as Record<string, unknown>;
  change(doc);
  writeFileSync(fullPath, JSON.stringify(doc));
}

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ReferenceDataError) return error.problems;
    throw error;
  }
  throw new Error('expected the reference data to be refused');
}

describe('feed reference loader', () => {
  const reference = loadFeedReference();

  it('loads the committed reference data: default groups, decision periods, dataflow and code list', () => {
    expect(reference.groups.map((g) => [g.id, g.categories])).toEqual([
      ['KNOWLEDGE_MIGRANTS', ['HIGHLY_SKILLED_MIGRANT', 'EU_BLUE_CARD']],
      ['STUDENTS', ['STUDENT']],
    ]);
    expect(reference.decisionPeriods.versions[0].statutory.defaultDays).toBe(90);
    expect(reference.versions['decision-periods.v1.json']).toBe(bundledDecisionPeriodReference().version);
    expect(reference.euTargetDays).toBe(30);
    expect(reference.dataflow.dataflowRef).toBe('WELKOM:TALENT_FEED(1.0)');
    expect(reference.citizenships.isAssigned(citizenshipCodeOf('NL'))).toBe(true);
    expect(reference.citizenships.isAssigned(citizenshipCodeOf('XK'))).toBe(true);
    expect(reference.citizenships.isAssigned(citizenshipCodeOf('UK'))).toBe(false);
  });

  it('refuses a group with an unknown category and a group without a reason code, listing both', () => {
    const problems = problemsOf(
      withReferenceCopy((directory) =>
        editJson(directory, REFERENCE_FILES.groups, (doc) => {
          doc.groups = [
            { id: 'KNOWLEDGE_MIGRANTS', label: 'K', categories: ['HIGHLY_SKILLED_MIGRANT', 'ASTRONAUT'] },
            { id: 'NEW_GROUP', label: 'N', categories: ['RESEARCHER'] },
          ];
        }),
      ),
    );
    expect(problems).toEqual([
      'reporting-groups.v1.json: groups[0] (KNOWLEDGE_MIGRANTS) .categories[1]: "ASTRONAUT" is not a permit category',
      'talent-feed.dataflow.v1.json: codes.reason.groups.NEW_GROUP: expected a code for reporting group NEW_GROUP',
    ]);
  });

  // The feed has no copy of the decision periods any more: it reads the IND's table (libs/reference-data), where
  // a gap is allowed (no period known: the share is not computed) and an overlap is refused.
  it('refuses decision-period versions that overlap, from the shared table', () => {
    const table = JSON.parse(JSON.stringify(bundledDecisionPeriodReference())) as { versions: Record<string, unknown>[] };
    const [current] = table.versions;
    table.versions = [
      { ...current, validFrom: '2024-06-12', validTo: '2025-12-31' },
      { ...current, validFrom: '2025-06-01', validTo: null },
    ];
    const problems = problemsOf(() => loadFeedReference(DEFAULT_REFERENCE_DIR, parseDecisionPeriodReference(table)));
    expect(problems).toEqual([
      'decision-periods.v1.json: versions[1] (2025-06-01) .validFrom: overlaps versions[0]; close that one with validTo first',
    ]);
  });

  it('refuses a missing file and an unknown small-cell method in one report', () => {
    const problems = problemsOf(
      withReferenceCopy((directory) => {
        rmSync(path.join(directory, REFERENCE_FILES.citizenships));
        editJson(directory, REFERENCE_FILES.smallCells, (doc) => {
          doc.method = 'blur';
        });
      }),
    );
    expect(problems.some((p) => p.startsWith('iso-3166-1-alpha-2.v1.json: cannot read'))).toBe(true);
    expect(problems).toContain('small-cell-policy.v1.json: method: "blur" is not "suppress" or "round"');
  });
});
