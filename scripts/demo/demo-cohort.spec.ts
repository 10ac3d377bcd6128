import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledMvvExemptionReference, bundledSalaryThresholdReference, salaryCriterionAmount } from '@welkom/reference-data';
import { MVV_EXEMPT, MVV_REQUIRED, planDemo, SALARY_ABOVE, SALARY_BELOW } from './demo-cohort';
import { DemoArgumentError, parseDemoArguments } from './demo.cli-arguments';

describe('the demo cohort', () => {
  it('is the same for the same seed and scale, so a test can compute its decisions', () => {
    expect(planDemo({ seed: 42, scale: 2 })).toEqual(planDemo({ seed: 42, scale: 2 }));
  });

  it('changes with the seed', () => {
    const stories = (seed: number) => planDemo({ seed, scale: 1 }).map((person) => `${person.story}/${person.citizenship}`);
    expect(stories(1)).not.toEqual(stories(2));
  });

  it('grows with the scale and keeps every story', () => {
    const small = planDemo({ seed: 7, scale: 1 });
    const large = planDemo({ seed: 7, scale: 4 });
    expect(large.length).toBeGreaterThan(3 * small.length);
    expect(new Set(large.map((person) => person.story))).toEqual(new Set(small.map((person) => person.story)));
  });

  it('sends MVV stories to the post of their country and files every family with its main applicant', () => {
    const people = planDemo({ seed: 3, scale: 2 });
    const postOf: Record<string, string> = { KE: 'nairobi', IN: 'new-delhi', NG: 'lagos' };
    const mvv = people.filter((each) => each.story.startsWith('MVV'));
    expect(mvv.length).toBeGreaterThan(0);
    for (const person of mvv) expect([person.key, person.post]).toEqual([person.key, postOf[person.citizenship]]);
    expect(people.filter((each) => !each.story.startsWith('MVV')).every((each) => each.post === '' && !postOf[each.citizenship])).toBe(
      true,
    );
    const mains = new Set(people.filter((each) => each.story === 'HSM_WITH_FAMILY').map((each) => each.key));
    const members = people.filter((each) => each.story.startsWith('FAMILY'));
    expect(members.length).toBe(2 * mains.size);
    expect(members.every((member) => mains.has(member.mainKey))).toBe(true);
  });

  it('draws each knowledge migrant’s salary from the range of its story', () => {
    const people = planDemo({ seed: 9, scale: 3 });
    const below = people.filter((person) => person.story === 'HSM_BELOW_CRITERION');
    const above = people.filter((person) => person.story === 'HSM');
    expect(below.every((person) => person.salaryEur >= SALARY_BELOW.min && person.salaryEur <= SALARY_BELOW.max)).toBe(true);
    expect(above.every((person) => person.salaryEur >= SALARY_ABOVE.min && person.salaryEur <= SALARY_ABOVE.max)).toBe(true);
  });
});

describe('the demo cohort on the shipped reference data', () => {
  /** The demo's people file in this period (the stay they ask for starts in 2026 or 2027). */
  const ON = '2026-12-01';

  it('gives MVV stories citizenships that need an MVV, and the others citizenships that do not', () => {
    const mvv = bundledMvvExemptionReference();
    expect(MVV_REQUIRED.filter(({ citizenship }) => !mvv.requirement({ nationality: citizenship }, ON).required)).toEqual([]);
    expect(MVV_EXEMPT.filter((citizenship) => mvv.requirement({ nationality: citizenship }, ON).required)).toEqual([]);
  });

  it('sends each MVV citizenship to a consular post of its country', () => {
    const file = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'apps', 'consular', 'reference', 'consular-posts.v1.json'), 'utf8'),
    ) as {
      posts: { code: string; country: string }[];
    };
    for (const { citizenship, post } of MVV_REQUIRED) expect(file.posts.find((each) => each.code === post)?.country).toBe(citizenship);
  });

  it('keeps the salary ranges on their side of the 30+ income criterion', () => {
    const criterion = salaryCriterionAmount(bundledSalaryThresholdReference(), 'HSM_30_AND_OVER', ON)?.amountEur ?? NaN;
    expect(SALARY_BELOW.max).toBeLessThan(criterion);
    expect(SALARY_ABOVE.min).toBeGreaterThan(criterion);
  });
});

describe('npm run demo arguments', () => {
  it('defaults to a fixed seed and a small scale', () => {
    expect(parseDemoArguments([])).toEqual({ seed: 2026, scale: 3 });
    expect(parseDemoArguments(['--seed', '7', '--scale', '2'])).toEqual({ seed: 7, scale: 2 });
  });

  it('refuses what it does not know, with the usage', () => {
    expect(() => parseDemoArguments(['--scale', '0'])).toThrow(DemoArgumentError);
    expect(() => parseDemoArguments(['--seed', 'x'])).toThrow(DemoArgumentError);
    expect(() => parseDemoArguments(['--fast'])).toThrow(/usage: npm run demo/);
  });
});
