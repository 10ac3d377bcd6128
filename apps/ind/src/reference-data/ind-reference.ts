import { bundledMvvExemptionReference, type MvvExemptionReference } from '@welkom/reference-data';
import type { DecisionPeriodReference } from '../deadlines/decision-period.reference';
import { bundledDeadlineReference } from '../deadlines/decision-period.reference';
import type { WorkingDayCalendar } from '../deadlines/working-day.calendar';
import { bundledDecisionRules, type DecisionRules } from '../decisions/decision-rules';
import { bundledRecognisedSponsorRegister, type RecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import {
  bundledSalaryThresholdReference,
  bundledWelcomeCentreReference,
  type SalaryThresholdReference,
  type WelcomeCentreReference,
} from '@welkom/reference-data';
import { bundledFilingChannels, type FilingChannels } from '../self-applicants/filing-channel.reference';
import { bundledOrientationYearRules, type OrientationYearRules } from '../orientation-year/orientation-year.reference';
import { bundledStartUpRules, type StartUpRules } from '../start-up/start-up.reference';
import { bundledSelfEmployedRules, type SelfEmployedRules } from '../self-employed/self-employed.reference';
import { bundledFamilyMembersRules, type FamilyMembersRules } from '../families/family-members.reference';
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
    /** The IND desks and expat centres where a residence document is collected (DOMAIN.md §2.7), shared with RVO. */
    readonly collectionPoints: WelcomeCentreReference = bundledWelcomeCentreReference(),
    /** Issue 15: who carries a self-applicant's filing, and the rules of the orientation year, start-up and family members. */
    readonly filingChannels: FilingChannels = bundledFilingChannels(),
    readonly orientationYear: OrientationYearRules = bundledOrientationYearRules(),
    readonly startUp: StartUpRules = bundledStartUpRules(),
    readonly familyMembers: FamilyMembersRules = bundledFamilyMembersRules(),
    readonly selfEmployed: SelfEmployedRules = bundledSelfEmployedRules(),
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
