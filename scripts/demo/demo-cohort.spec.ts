import { planDemo } from './demo-cohort';
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

  it('keeps salaries below the criterion only for the refusal story', () => {
    const people = planDemo({ seed: 9, scale: 3 });
    expect(people.filter((person) => person.story === 'HSM_BELOW_CRITERION').every((person) => person.salaryEur < 5_942)).toBe(true);
    expect(people.filter((person) => person.story === 'HSM').every((person) => person.salaryEur > 5_942)).toBe(true);
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
