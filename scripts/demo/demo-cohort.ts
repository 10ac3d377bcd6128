import { SeededRandom } from './demo-random';

/**
 * What happens to one person of the demo. The story decides who files, which proofs exist when, and which incident
 * meets the case; the decision is the chain's (the demo never decides anything itself).
 */
export type DemoStory =
  /** Leiden pushes enrolment and paid tuition, then files. */
  | 'LEIDEN_STUDENT'
  /** Leiden files first and pushes the proofs later (late proofs). */
  | 'LEIDEN_STUDENT_LATE_PROOFS'
  /** Leiden pushes a part-time enrolment. */
  | 'LEIDEN_STUDENT_PART_TIME'
  /** Enrolment only (no tuition yet), then Leiden reports the deregistration: the proof is revoked in the hub. */
  | 'LEIDEN_STUDENT_DEREGISTERED'
  /** After the permit Leiden reports insufficient study progress under its duty to notify. */
  | 'LEIDEN_STUDENT_DUTY_TO_NOTIFY'
  /** Delft, which runs no connector, issues at the hub itself and files at the IND's intake. */
  | 'DELFT_STUDENT'
  | 'LEIDEN_RESEARCHER'
  | 'LEIDEN_RESEARCHER_LATE_PROOFS'
  /** Leiden files before the hosting agreement is signed, and it is not by the demo's end: the case stays open. */
  | 'LEIDEN_RESEARCHER_AWAITING_AGREEMENT'
  | 'DELFT_RESEARCHER'
  /** An employer files, its payroll has declared a salary above the criterion at UWV. */
  | 'HSM'
  /** The payroll declares only after the filing (the wage fact is a late proof). */
  | 'HSM_LATE_WAGE'
  | 'HSM_BELOW_CRITERION'
  /** An employer that is not a recognised sponsor files a highly skilled migrant. */
  | 'HSM_UNRECOGNISED_SPONSOR'
  /** A highly skilled migrant filed together with partner and child. */
  | 'HSM_WITH_FAMILY'
  | 'FAMILY_PARTNER'
  | 'FAMILY_CHILD'
  /** A founder whose facilitator holds a minority interest, filed through RVO's Point of Entry. */
  | 'FOUNDER'
  | 'FOUNDER_MAJORITY_FACILITATOR'
  /** A Leiden student who needs an MVV: booking, biometrics, issue, entry. */
  | 'MVV_STUDENT'
  /** Gets the MVV but never enters: the MVV expires once the posts' rehearsal clock passes 90 days. */
  | 'MVV_STUDENT_NEVER_ENTERS'
  /** RVO scores a self-employed Canadian's plan on points (150), and RVO's Point of Entry files the application. */
  | 'SELF_EMPLOYED'
  /** The business plan scores below its part's minimum: RVO's score is negative, and the IND's desk files. */
  | 'SELF_EMPLOYED_BELOW_THRESHOLD';

export interface DemoPerson {
  /** Unique within the cohort; the run tag makes it unique on the system. */
  readonly key: string;
  readonly story: DemoStory;
  readonly citizenship: string;
  /** The consular post of the person's country, for MVV stories. */
  readonly post: string;
  /** Guaranteed gross monthly salary in euro (knowledge migrants only; stays at the payroll and UWV). */
  readonly salaryEur: number;
  /** For family members: the key of the main applicant. */
  readonly mainKey: string;
}

export interface DemoPlanOptions {
  readonly seed: number;
  readonly scale: number;
}

/**
 * The people's citizenships: exempt from the MVV (DOMAIN.md §2.6), so the permit follows the grant without a
 * consular leg. Who needs an MVV is the reference data's answer (mvv-exemptions.v1.json), never this list's: the
 * demo's unit spec checks the two agree.
 */
export const MVV_EXEMPT = ['US', 'CA', 'JP', 'KR', 'AU', 'NZ', 'GB', 'CH'] as const;
/** Citizenships that need an MVV, with the post of their country (apps/consular/reference/consular-posts.v1.json). */
/**
 * Self-employed applicants are Canadians: scored on points and exempt from the MVV. A US or Japanese national would
 * take the DAFT or DJFTA route (RVO reports it, without points), which the demo's points stories are not about.
 */
export const SELF_EMPLOYED_CITIZENSHIP = 'CA';
export const MVV_REQUIRED = [
  { citizenship: 'KE', post: 'nairobi' },
  { citizenship: 'IN', post: 'new-delhi' },
  { citizenship: 'NG', post: 'lagos' },
] as const;

/** How many of each story at scale 1; the seed adds up to `extra` more, so two seeds give different cohorts. */
const BASE: readonly { story: DemoStory; count: number; extra: number }[] = [
  { story: 'LEIDEN_STUDENT', count: 4, extra: 2 },
  { story: 'LEIDEN_STUDENT_LATE_PROOFS', count: 2, extra: 1 },
  { story: 'LEIDEN_STUDENT_PART_TIME', count: 1, extra: 0 },
  { story: 'LEIDEN_STUDENT_DEREGISTERED', count: 1, extra: 0 },
  { story: 'LEIDEN_STUDENT_DUTY_TO_NOTIFY', count: 1, extra: 0 },
  { story: 'DELFT_STUDENT', count: 2, extra: 1 },
  { story: 'LEIDEN_RESEARCHER', count: 1, extra: 1 },
  { story: 'LEIDEN_RESEARCHER_LATE_PROOFS', count: 1, extra: 0 },
  { story: 'DELFT_RESEARCHER', count: 1, extra: 0 },
  { story: 'HSM', count: 2, extra: 1 },
  { story: 'HSM_LATE_WAGE', count: 1, extra: 0 },
  { story: 'HSM_BELOW_CRITERION', count: 1, extra: 0 },
  { story: 'HSM_UNRECOGNISED_SPONSOR', count: 1, extra: 0 },
  { story: 'HSM_WITH_FAMILY', count: 1, extra: 0 },
  { story: 'FOUNDER', count: 1, extra: 1 },
  { story: 'FOUNDER_MAJORITY_FACILITATOR', count: 1, extra: 0 },
  { story: 'MVV_STUDENT', count: 3, extra: 1 },
  { story: 'MVV_STUDENT_NEVER_ENTERS', count: 1, extra: 0 },
  // Last, so the stories before it draw the same people as before it was added.
  { story: 'LEIDEN_RESEARCHER_AWAITING_AGREEMENT', count: 1, extra: 0 },
  // Last, so the stories above keep the people (and draws) they had before these were added.
  { story: 'SELF_EMPLOYED', count: 1, extra: 1 },
  { story: 'SELF_EMPLOYED_BELOW_THRESHOLD', count: 1, extra: 0 },
];

/**
 * Salaries clear of the 2026 income criterion for a highly skilled migrant of 30 or over (5,942 in
 * salary-thresholds.v1.json) on either side; the criterion itself is the reference data's, and the demo's unit spec
 * checks these ranges still fall on the side they are meant for.
 */
export const SALARY_ABOVE = { min: 6_200, max: 9_800 };
export const SALARY_BELOW = { min: 3_100, max: 5_400 };

/**
 * The demo's cohort for a seed and scale: deterministic, so the same seed tells the same stories with the same
 * people, and a test can compute what the chain must decide for them.
 */
export function planDemo({ seed, scale }: DemoPlanOptions): DemoPerson[] {
  const random = new SeededRandom(seed);
  const people: DemoPerson[] = [];
  let n = 0;
  for (const { story, count, extra } of BASE) {
    const total = count * scale + random.between(0, extra);
    for (let k = 0; k < total; k += 1) {
      n += 1;
      const key = `${String(n).padStart(3, '0')}`;
      const needsMvv = story === 'MVV_STUDENT' || story === 'MVV_STUDENT_NEVER_ENTERS';
      const mvv = random.pick(MVV_REQUIRED);
      const exempt = random.pick(MVV_EXEMPT);
      const salary =
        story === 'HSM_BELOW_CRITERION'
          ? random.between(SALARY_BELOW.min, SALARY_BELOW.max)
          : random.between(SALARY_ABOVE.min, SALARY_ABOVE.max);
      const knowledgeMigrant = story.startsWith('HSM');
      people.push({
        key,
        story,
        citizenship: needsMvv ? mvv.citizenship : story.startsWith('SELF_EMPLOYED') ? SELF_EMPLOYED_CITIZENSHIP : exempt,
        post: needsMvv ? mvv.post : '',
        salaryEur: knowledgeMigrant ? salary : 0,
        mainKey: '',
      });
      if (story === 'HSM_WITH_FAMILY') {
        // Partner and child share the main applicant's citizenship, as families mostly do.
        for (const member of ['FAMILY_PARTNER', 'FAMILY_CHILD'] as const) {
          n += 1;
          people.push({ key: String(n).padStart(3, '0'), story: member, citizenship: exempt, post: '', salaryEur: 0, mainKey: key });
        }
      }
    }
  }
  return people;
}
