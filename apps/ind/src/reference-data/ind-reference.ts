import { bundledMvvExemptionReference, type MvvExemptionReference } from '@welkom/reference-data';
import type { DecisionPeriodReference } from '../deadlines/decision-period.reference';
import { bundledDeadlineReference } from '../deadlines/decision-period.reference';
import type { WorkingDayCalendar } from '../deadlines/working-day.calendar';
import { bundledDecisionRules, type DecisionRules } from '../decisions/decision-rules';
import { bundledRecognisedSponsorRegister, type RecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import { bundledSalaryThresholdReference, type SalaryThresholdReference } from '@welkom/reference-data';
import { bundledEvidenceRequestReference, type EvidenceRequestReference } from './evidence-request.reference';

/**
 * All reference data the IND runs on, loaded and checked once at start: a bad file stops start-up with its
 * problems listed, rather than deciding or counting with rules nobody can trust.
 */
export class IndReference {
  constructor(
    readonly rules: DecisionRules,
    readonly sponsors: RecognisedSponsorRegister,
    readonly deadlines: { periods: DecisionPeriodReference; calendar: WorkingDayCalendar },
    readonly evidenceRequests: EvidenceRequestReference,
    /** Shared with the consular posts (libs/reference-data/tables). */
    readonly mvvExemptions: MvvExemptionReference = bundledMvvExemptionReference(),
    /** The income criteria of knowledge migrants, shared with UWV (libs/reference-data/tables). */
    readonly salaryThresholds: SalaryThresholdReference = bundledSalaryThresholdReference(),
  ) {}

  static bundled(): IndReference {
    return new IndReference(
      bundledDecisionRules(),
      bundledRecognisedSponsorRegister(),
      bundledDeadlineReference(),
      bundledEvidenceRequestReference(),
      bundledMvvExemptionReference(),
    );
  }
}
