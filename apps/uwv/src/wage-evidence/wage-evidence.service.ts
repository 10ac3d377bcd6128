import { Inject, Injectable, Logger } from '@nestjs/common';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { OpenEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { ClockRepository, isIsoDate } from '@welkom/platform';
import { SALARY_CRITERIA, type SalaryCriterion, type SalaryThresholdReference, wageThresholdCategoryOf } from '@welkom/reference-data';
import { personIdentifier } from '@welkom/validation';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { currentDeclaration, employeeKeyOf } from '../wage-declarations/wage-declaration';
import { WageDeclarationRepository } from '../wage-declarations/wage-declaration.repository';
import type { IssuedWageFact } from './wage-evidence';
import { WageEvidenceRepository } from './wage-evidence.repository';
import { answerWageQuestion, type WageQuestion } from './wage-threshold.decision';

export const SALARY_THRESHOLDS = Symbol('SALARY_THRESHOLDS');

const OPEN_REQUESTS_PAGE = 100;
const employee = personIdentifier('must name a person');

export interface WageEvidenceRound {
  readonly issued: number;
  readonly revoked: number;
}

/** The question of a request as UWV can compute it; undefined when the requester asked something UWV does not know. */
function wageQuestionOf(request: OpenEvidenceRequest): WageQuestion | undefined {
  const question = request.question;
  if (!question || !(SALARY_CRITERIA as readonly string[]).includes(question.criterion) || !isIsoDate(question.referenceDate))
    return undefined;
  return {
    criterion: question.criterion as SalaryCriterion,
    referenceDate: question.referenceDate,
    tableVersion: question.tableVersion,
    employerOin: question.employerOin ? question.employerOin : null,
  };
}

/**
 * UWV as the source of the wage fact (issue 13): answers the hub's once-only requests routed to it with "the
 * guaranteed gross monthly salary meets criterion X of table version V on date D: yes/no", never the amount, and
 * revokes a "yes" once a later declaration is below that criterion or the employment has ended (the IND hears of
 * it from the hub's evidence.revoked and acts on the sponsor's duty to notify).
 */
@Injectable()
export class WageEvidenceService {
  private readonly logger = new Logger(WageEvidenceService.name);

  constructor(
    private readonly hub: HubEvidenceRepository,
    private readonly declarations: WageDeclarationRepository,
    private readonly facts: WageEvidenceRepository,
    private readonly clock: ClockRepository,
    @Inject(SALARY_THRESHOLDS) private readonly table: SalaryThresholdReference,
  ) {}

  async answerOpenRequests(): Promise<number> {
    const open = await this.hub.openRequests(OPEN_REQUESTS_PAGE);
    let issued = 0;
    for (const request of open) {
      if (request.evidenceType !== EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD) continue;
      if (await this.answer(request)) issued += 1;
    }
    return issued;
  }

  async revokeLapsedFacts(): Promise<number> {
    let revoked = 0;
    for (const fact of await this.facts.standingPositive()) {
      const declaration = currentDeclaration(await this.declarations.ofEmployee(fact.employeeKey, fact.employerOin));
      const answer = answerWageQuestion(this.table, fact, declaration, this.clock.today());
      if (!answer.answered || answer.fact.meetsThreshold) continue;
      const reason =
        answer.fact.shortfall === 'EMPLOYMENT_ENDED'
          ? 'employment ended (wage declaration)'
          : `a later wage declaration is below the ${fact.criterion} criterion`;
      const result = await this.hub.revoke(fact.evidenceId, reason);
      if (!result.ok) {
        this.logger.warn(`The hub refused to revoke wage evidence ${fact.evidenceId}: ${result.rejection.reason}`);
        continue;
      }
      await this.facts.markRevoked(fact.sourceReference, this.clock.now(), reason);
      revoked += 1;
    }
    return revoked;
  }

  private async answer(request: OpenEvidenceRequest): Promise<boolean> {
    const question = wageQuestionOf(request);
    const person = employee.safeParse(request.subjectIdentifier);
    if (question === undefined || !person.success || request.subjectIdentifier === undefined) {
      this.logger.warn(`Wage request ${request.requestId} names no criterion, date or person UWV can answer on; left to expire`);
      return false;
    }
    const employeeKey = employeeKeyOf(person.data);
    // The sponsor's own payroll, when the requester named it: another employer's wage does not carry the permit.
    const declaration = currentDeclaration(await this.declarations.ofEmployee(employeeKey, question.employerOin));
    const answer = answerWageQuestion(this.table, question, declaration, this.clock.today());
    // No declaration (of that employer) yet: the request stays open and the next round asks again.
    if (!answer.answered) return false;
    const { fact } = answer;
    const sourceReference = `wage-${request.requestId}`;
    const result = await this.hub.issue({
      subject: request.subjectIdentifier,
      evidenceType: EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
      payload: {
        wageMeetsThreshold: {
          meetsThreshold: fact.meetsThreshold,
          category: wageThresholdCategoryOf(fact.criterion),
          thresholdReferenceDate: fact.referenceDate,
          thresholdTableVersion: fact.tableVersion,
        },
      },
      issuedAt: undefined,
      validUntil: undefined,
      sourceReference,
      subUnit: '',
    });
    if (!result.ok) {
      this.logger.warn(`The hub refused UWV's wage fact for request ${request.requestId}: ${result.rejection.reason}`);
      return false;
    }
    const record: IssuedWageFact = {
      sourceReference,
      evidenceId: result.value.reference?.evidenceId ?? '',
      employeeKey,
      employerOin: question.employerOin,
      criterion: fact.criterion,
      referenceDate: fact.referenceDate,
      tableVersion: fact.tableVersion,
      meetsThreshold: fact.meetsThreshold,
      issuedAt: this.clock.now(),
    };
    await this.facts.recordOnce(record);
    return true;
  }
}
