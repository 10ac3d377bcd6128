import { formatIsoDate } from '@welkom/platform';
import type { ApplicationFact, CheckedApplicationFact } from './application-fact';
import { citizenshipOfCode } from './citizenship-code';
import { ApplicationIdIndex, grownCapacity } from './application-id.index';
import { DecisionCode, decisionOfCode, PERMIT_CATEGORIES, SPONSOR_TYPES } from './permit-category';

/** What recording a fact did, so an importer can tell "new" from "re-imported" from "updated". */
export type LedgerOutcome = 'added' | 'replaced' | 'unchanged';

/** Read-only columns of the ledger for a single pass by the aggregator; index n < size is application n. */
export interface LedgerColumns {
  readonly size: number;
  readonly category: Uint8Array;
  readonly citizenship: Uint16Array;
  readonly sponsorType: Uint8Array;
  readonly decision: Uint8Array;
  readonly submittedDay: Int32Array;
  readonly decidedDay: Int32Array;
}

export interface ApplicationLedgerOptions {
  /** Pre-sizes the arrays; growing later is correct, just slower and briefly needs old + new arrays. */
  readonly expectedApplications?: number;
}

/**
 * The latest fact per application, one row per application id, in parallel typed arrays (13 bytes per
 * application plus the id index). This is the feed's only state: every figure is a pure function of it.
 *
 * Why keep per-application state instead of adding rows straight into counters: a status stream sends
 * several facts for one application (submitted, later decided) and redelivers; re-importing a history file
 * must change nothing. Both need "what did we count for this application before?", which only
 * per-application state answers. Typed arrays rather than objects keep 10 M applications at a few hundred
 * megabytes outside the JS heap, where the garbage collector does not scan them.
 */
export class ApplicationLedger {
  private readonly ids: ApplicationIdIndex;
  private capacity: number;
  private count = 0;
  private category: Uint8Array;
  private citizenship: Uint16Array;
  private sponsorType: Uint8Array;
  private decision: Uint8Array;
  private submittedDay: Int32Array;
  private decidedDay: Int32Array;

  constructor(options: ApplicationLedgerOptions = {}) {
    this.capacity = Math.max(16, options.expectedApplications ?? 1024);
    this.ids = new ApplicationIdIndex(this.capacity);
    this.category = new Uint8Array(this.capacity);
    this.citizenship = new Uint16Array(this.capacity);
    this.sponsorType = new Uint8Array(this.capacity);
    this.decision = new Uint8Array(this.capacity);
    this.submittedDay = new Int32Array(this.capacity);
    this.decidedDay = new Int32Array(this.capacity);
  }

  /** Number of distinct applications. */
  get size(): number {
    return this.count;
  }

  /** Records the latest fact for its application; a later fact for the same id replaces the earlier one. */
  record(fact: CheckedApplicationFact): LedgerOutcome {
    const found = this.ids.findOrAdd(fact.applicationId);
    if (found < 0) {
      const index = -found - 1;
      if (index === this.capacity) this.grow();
      this.write(index, fact);
      this.count = index + 1;
      return 'added';
    }
    if (this.holds(found, fact)) return 'unchanged';
    this.write(found, fact);
    return 'replaced';
  }

  /** The fact currently held for an application, e.g. to merge a decision event into what was submitted. */
  find(applicationId: string): ApplicationFact | undefined {
    const index = this.ids.find(applicationId);
    if (index < 0) return undefined;
    const decision = decisionOfCode(this.decision[index]);
    const sponsorType = SPONSOR_TYPES[this.sponsorType[index]];
    return {
      applicationId,
      category: PERMIT_CATEGORIES[this.category[index]],
      citizenship: citizenshipOfCode(this.citizenship[index]),
      ...(sponsorType === 'UNKNOWN' ? {} : { sponsorType }),
      submittedOn: formatIsoDate(this.submittedDay[index]),
      ...(decision === undefined ? {} : { decidedOn: formatIsoDate(this.decidedDay[index]), decision }),
    };
  }

  columns(): LedgerColumns {
    return {
      size: this.count,
      category: this.category,
      citizenship: this.citizenship,
      sponsorType: this.sponsorType,
      decision: this.decision,
      submittedDay: this.submittedDay,
      decidedDay: this.decidedDay,
    };
  }

  /** Bytes held in typed arrays (the ledger's whole state), for the memory figures the bench reports. */
  retainedBytes(): number {
    const perApplication = 1 + 2 + 1 + 1 + 4 + 4;
    return this.capacity * perApplication + this.ids.retainedBytes();
  }

  private holds(index: number, fact: CheckedApplicationFact): boolean {
    return (
      this.category[index] === fact.category &&
      this.citizenship[index] === fact.citizenship &&
      this.sponsorType[index] === fact.sponsorType &&
      this.submittedDay[index] === fact.submittedDay &&
      this.decision[index] === fact.decision &&
      (fact.decision === DecisionCode.PENDING || this.decidedDay[index] === fact.decidedDay)
    );
  }

  private write(index: number, fact: CheckedApplicationFact): void {
    this.category[index] = fact.category;
    this.citizenship[index] = fact.citizenship;
    this.sponsorType[index] = fact.sponsorType;
    this.decision[index] = fact.decision;
    this.submittedDay[index] = fact.submittedDay;
    this.decidedDay[index] = fact.decision === DecisionCode.PENDING ? 0 : fact.decidedDay;
  }

  private grow(): void {
    this.capacity = grownCapacity(this.capacity);
    this.category = grownCopy(this.category, new Uint8Array(this.capacity));
    this.citizenship = grownCopy(this.citizenship, new Uint16Array(this.capacity));
    this.sponsorType = grownCopy(this.sponsorType, new Uint8Array(this.capacity));
    this.decision = grownCopy(this.decision, new Uint8Array(this.capacity));
    this.submittedDay = grownCopy(this.submittedDay, new Int32Array(this.capacity));
    this.decidedDay = grownCopy(this.decidedDay, new Int32Array(this.capacity));
  }
}

function grownCopy<T extends Uint8Array | Uint16Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
