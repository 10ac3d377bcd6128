import { Inject, Injectable } from '@nestjs/common';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { StartUpAdviceReason, StartUpAssessmentOutcome } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import { ClockRepository, toTimestamp } from '@welkom/platform';
import { FacilitatorRegisterService } from '../facilitators/facilitator-register.service';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { RvoError } from '../rvo.errors';
import type { AssessStartUpCommand } from './start-up-advice.command';
import type { StartUpAdviceRecord } from './start-up-advice';
import { StartUpAdviceRepository } from './start-up-advice.repository';
import { adviseOnStartUp, StartUpRulesNotInForceError } from './start-up-assessment.policy';
import { START_UP_RULES, type StartUpRules } from './start-up-rules.reference';

export interface StartUpAdviceResult {
  readonly advice: StartUpAdviceRecord;
  readonly alreadyAssessed: boolean;
}

/**
 * RVO's advice on a start-up for the IND (DOMAIN.md §1.7): the rules in force on the assessment day decide, the
 * advice goes to the hub as START_UP_ASSESSMENT evidence (outcome, grounds, facilitator name, never the business
 * plan), and RVO records what it issued. Assessing a reference again returns the stored advice; a retry after an
 * unreachable hub issues the same evidence again, which the hub answers with what it stored.
 */
@Injectable()
export class StartUpAdviceService {
  constructor(
    private readonly hub: HubEvidenceRepository,
    private readonly advices: StartUpAdviceRepository,
    private readonly clock: ClockRepository,
    private readonly facilitators: FacilitatorRegisterService,
    @Inject(START_UP_RULES) private readonly rules: StartUpRules,
  ) {}

  async assess(command: AssessStartUpCommand): Promise<StartUpAdviceResult> {
    const stored = await this.advices.find(command.adviceReference);
    if (stored !== undefined) return { advice: stored, alreadyAssessed: true };

    // A registered facilitator's standing comes from RVO's register, not from the request.
    const registered = await this.facilitators.standing(command.facilitatorKvkNumber);
    const facts: AssessStartUpCommand['facts'] =
      registered === undefined
        ? command.facts
        : {
            ...command.facts,
            facilitator: {
              ...command.facts.facilitator,
              registeredInKvk: registered.registeredInKvk,
              hasStartUpGuidanceExperience: registered.hasStartUpGuidanceExperience,
              bankrupt: registered.bankrupt,
              negativeEquity: registered.negativeEquity,
            },
          };
    const advice = this.advise({ ...command, facts });
    const { reference, subject } = await this.hub.issue(
      {
        subject: command.founder,
        evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
        payload: {
          startUpAssessment: {
            outcome:
              advice.outcome === 'POSITIVE'
                ? StartUpAssessmentOutcome.START_UP_ASSESSMENT_OUTCOME_POSITIVE
                : StartUpAssessmentOutcome.START_UP_ASSESSMENT_OUTCOME_NEGATIVE,
            assessedOn: command.facts.assessedOn,
            facilitatorName: registered?.name ?? command.facilitatorName,
            innovativeProduct: advice.innovationTestsMet.length > 0,
            stepPlanAdequate: command.facts.hasStepPlan,
            adviceReference: command.adviceReference,
            reasons: advice.reasonCodes.map((code) => `START_UP_ADVICE_REASON_${code}` as StartUpAdviceReason),
          },
        },
        issuedAt: toTimestamp(this.clock.now()),
        validUntil: undefined,
        sourceReference: command.adviceReference,
        subUnit: '',
      },
      'the advice',
    );
    const record: StartUpAdviceRecord = {
      adviceReference: command.adviceReference,
      outcome: advice.outcome,
      reasonCodes: advice.reasonCodes,
      innovationTestsMet: advice.innovationTestsMet,
      ruleVersion: advice.ruleVersion,
      assessedOn: command.facts.assessedOn,
      facilitatorKvkNumber: command.facilitatorKvkNumber,
      founderPseudonym: subject.pseudonym,
      evidenceId: reference.evidenceId,
      contentSha256: reference.contentSha256,
      schemaVersion: reference.schemaVersion,
      recordedAt: this.clock.now(),
    };
    await this.advices.record(record);
    return { advice: record, alreadyAssessed: false };
  }

  private advise(command: AssessStartUpCommand): ReturnType<typeof adviseOnStartUp> {
    try {
      return adviseOnStartUp(command.facts, this.rules);
    } catch (error: unknown) {
      if (error instanceof StartUpRulesNotInForceError) throw new RvoError('RULES_NOT_IN_FORCE', error.message, { cause: error });
      throw error;
    }
  }
}
