import { type Application, DecisionKind } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DeadlineKind } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import type { DeadLetterIncident } from './demo-dead-letter';

/** Per deadline kind: the run's decisions in time and late, and the cases still open past it. */
export interface DeadlineFigures {
  readonly kind: string;
  readonly decided: number;
  readonly inTime: number;
  readonly late: number;
  readonly openPastDue: number;
}

export interface DemoSummary {
  readonly seed: number;
  readonly scale: number;
  readonly runTag: string;
  readonly people: number;
  /** Category (PermitCategory without its prefix) → outcome (`PERMIT_ISSUED`, `REFUSED:<reason>`, …) → cases. */
  readonly decisions: Record<string, Record<string, number>>;
  /** The hub's `welkom_hub_documents_not_asked_again_total`, summed over its labels, before and after the run. */
  readonly documentsNotAskedAgain: { readonly before: number; readonly after: number };
  /** Evidence the sponsors revoked in the hub with their duty-to-notify reports. */
  readonly evidenceRevoked: number;
  /** Sponsor notifications the IND recorded on this run's cases. */
  readonly notificationsRecorded: number;
  readonly deadlines: readonly DeadlineFigures[];
  /** Calendar days from receipt to the application decision, median over the decided cases. */
  readonly medianDaysToDecision: number | null;
  readonly deadLetter: DeadLetterIncident | undefined;
  /** The consular leg: MVVs issued, applicants pooled to another post than they chose, entries, MVVs expired unused. */
  readonly mvv: { readonly issued: number; readonly pooled: number; readonly entered: number; readonly expired: number };
  /** Where to look next: the console when the system has one, else every service's HTTP address. */
  readonly whereToLook: readonly { readonly name: string; readonly url: string }[];
  readonly durationMs: number;
}

const S = ApplicationStatus;

/** `PERMIT_ISSUED`, `REFUSED:SALARY_BELOW_CRITERION`, `EXPIRED:MVV_NO_ENTRY_WITHIN_90_DAYS`: the case's outcome. */
export function outcomeOf(application: Pick<Application, 'status' | 'reasonCode'>): string {
  const status = S[application.status].replace(/^APPLICATION_STATUS_/, '');
  return application.reasonCode ? `${status}:${application.reasonCode}` : status;
}

export function categoryOf(category: PermitCategory): string {
  return PermitCategory[category].replace(/^PERMIT_CATEGORY_/, '');
}

export function decisionsPerCategory(cases: readonly Application[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const application of cases) {
    const row = (table[categoryOf(application.category)] ??= {});
    const outcome = outcomeOf(application);
    row[outcome] = (row[outcome] ?? 0) + 1;
  }
  return table;
}

/** Deadline figures of the IND's own deadlines on each case (statutory, sponsor target, EU 30 days). */
export function deadlineFigures(cases: readonly Application[], today: string): DeadlineFigures[] {
  const kinds = [
    DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION,
    DeadlineKind.DEADLINE_KIND_RECOGNISED_SPONSOR_TARGET,
    DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION,
  ];
  return kinds.map((kind) => {
    let decided = 0;
    let inTime = 0;
    let openPastDue = 0;
    for (const application of cases) {
      const deadline = application.deadlines.find((each) => each.kind === kind);
      if (!deadline) continue;
      const decidedOn = applicationDecisionDay(application);
      if (decidedOn) {
        decided += 1;
        if (decidedOn <= deadline.dueOn) inTime += 1;
      } else if (today > deadline.dueOn) openPastDue += 1;
    }
    return { kind: DeadlineKind[kind].replace(/^DEADLINE_KIND_/, ''), decided, inTime, late: decided - inTime, openPastDue };
  });
}

export function medianDaysToDecision(cases: readonly Application[]): number | null {
  const days = cases
    .map((application) => {
      const decidedOn = applicationDecisionDay(application);
      return decidedOn && application.submittedOn ? (Date.parse(decidedOn) - Date.parse(application.submittedOn)) / 86_400_000 : -1;
    })
    .filter((value) => value >= 0)
    .sort((a, b) => a - b);
  return days.length === 0 ? null : days[Math.floor((days.length - 1) / 2)];
}

function applicationDecisionDay(application: Application): string {
  return application.decisions.find((decision) => decision.kind === DecisionKind.DECISION_KIND_APPLICATION)?.decidedOn ?? '';
}

/** The summary as a person reads it at the end of `npm run demo`. */
export function formatSummary(summary: DemoSummary): string {
  const lines = [
    `Welkom Hub demo: seed ${summary.seed}, scale ${summary.scale}, run ${summary.runTag}, ${summary.people} applications, ${(summary.durationMs / 1000).toFixed(0)} s`,
    '',
    'Decisions per category:',
  ];
  for (const [category, outcomes] of Object.entries(summary.decisions).sort()) {
    const parts = Object.entries(outcomes)
      .sort()
      .map(([outcome, count]) => `${count} ${outcome}`);
    lines.push(`  ${category.padEnd(22)} ${parts.join(', ')}`);
  }
  const { before, after } = summary.documentsNotAskedAgain;
  lines.push(
    '',
    `Documents not asked again (hub counter): +${after - before} this run (${after} in total)`,
    `Duty to notify: ${summary.notificationsRecorded} sponsor notifications recorded, ${summary.evidenceRevoked} evidence revoked in the hub`,
    `MVV leg: ${summary.mvv.issued} issued (${summary.mvv.pooled} pooled to a partner post), ${summary.mvv.entered} entered, ${summary.mvv.expired} expired unused`,
    '',
    `Deadlines (median ${summary.medianDaysToDecision ?? '-'} days from receipt to decision):`,
  );
  for (const figures of summary.deadlines) {
    lines.push(
      `  ${figures.kind.padEnd(26)} ${figures.inTime}/${figures.decided} decided in time, ${figures.late} late, ${figures.openPastDue} open past due`,
    );
  }
  const letter = summary.deadLetter;
  lines.push(
    '',
    letter
      ? `Dead letter: ${letter.id} (group ${letter.consumerGroup}) ${letter.errorClass}: ${letter.reason}; replayed by an operator: ${letter.replayed ? 'yes' : 'NO'}`
      : 'Dead letter: the poison message was not seen in a dead-letter topic',
    '',
    'Where to look:',
    ...summary.whereToLook.map(({ name, url }) => `  ${name.padEnd(14)} ${url}`),
  );
  return lines.join('\n');
}
