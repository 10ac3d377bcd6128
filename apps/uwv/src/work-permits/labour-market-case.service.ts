import { Inject, Injectable } from '@nestjs/common';
import {
  LabourMarketAdviceOutcome,
  type LabourMarketAdviceRequested,
} from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import type {
  LabourMarketReason as LabourMarketReasonCode,
  WorkSituation as WorkSituationCode,
} from '@welkom/contracts/generated/welkom/uwv/v1/work_permits';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, type ReceivedEvent } from '@welkom/messaging';
import {
  addCalendarDays,
  calendarDaysBetween,
  ClockRepository,
  IdRepository,
  type IsoDate,
  toTimestamp,
  TransactionRepository,
} from '@welkom/platform';
import type { Transaction } from '@welkom/persistence';
import {
  LABOUR_MARKET_RULES,
  type LabourMarketRules,
  WORK_SITUATIONS,
  type WorkSituation,
} from '../labour-market/labour-market-rules.reference';
import { RulesNotInForceError, twvTerm } from '../labour-market/labour-market.policy';
import { judgeLabourMarket, type LabourMarketJudgement } from '../labour-market/work-permit.decision';
import { UwvError } from '../uwv.errors';
import type { LabourMarketCase, LabourMarketCaseKind } from './labour-market-case';
import { LabourMarketCaseRepository } from './labour-market-case.repository';
import type { ApplyForWorkPermitCommand, ReportVacancyCommand } from './work-permit.command';

export interface AppliedCase {
  readonly labourMarketCase: LabourMarketCase;
  readonly alreadyApplied: boolean;
}

const situationCode = (situation: WorkSituation) => `WORK_SITUATION_${situation}` as WorkSituationCode;
const reasonCode = (reason: string) => `LABOUR_MARKET_REASON_${reason}` as LabourMarketReasonCode;

/** The situation of the IND's request as UWV's rules name it; undefined for a code UWV does not know. */
function situationOf(code: string): WorkSituation | undefined {
  const name = code.replace(/^WORK_SITUATION_/, '');
  return (WORK_SITUATIONS as readonly string[]).includes(name) ? (name as WorkSituation) : undefined;
}

/**
 * UWV's labour-market cases (DOMAIN.md §2.1, §2.4): an employer's TWV application and the IND's request for GVVA
 * advice, judged on the rules of the day they were received (exempt situation, student side job, priority supply
 * against the vacancy report). A case waiting on UWV's priority-supply search is decided when its outcome is
 * recorded; a case still pending close to the end of its 5-week term raises one at-risk event. Every change of a
 * case and the event that reports it commit together (outbox).
 */
@Injectable()
export class LabourMarketCaseService {
  constructor(
    private readonly cases: LabourMarketCaseRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    @Inject(LABOUR_MARKET_RULES) private readonly rules: LabourMarketRules,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
  ) {}

  /** The employer reports a vacancy; the first report of a reference stands. */
  async reportVacancy(employerOin: string, command: ReportVacancyCommand): Promise<{ reportedOn: IsoDate; alreadyReported: boolean }> {
    if (command.reportedOn > this.clock.today()) {
      throw new UwvError('INVALID_REQUEST', 'A vacancy cannot be reported in the future', {
        fieldViolations: [{ field: 'reported_on', description: 'must not be after today' }],
      });
    }
    const isNew = await this.transactions.run((tx) => this.cases.reportVacancy(tx, { employerOin, ...command, suitableCandidates: null }));
    const stored = await this.cases.vacancy(employerOin, command.vacancyReference);
    return { reportedOn: stored?.reportedOn ?? command.reportedOn, alreadyReported: !isNew };
  }

  /** The employer applies for a TWV; the same reference again returns the stored case. */
  async apply(employerOin: string, command: ApplyForWorkPermitCommand): Promise<AppliedCase> {
    const stored = await this.cases.find('WORK_PERMIT', employerOin, command.applicationReference);
    if (stored) return { labourMarketCase: stored, alreadyApplied: true };
    const receivedOn = this.clock.today();
    const inserted = await this.transactions.run(async (tx) => {
      const record = await this.open(tx, 'WORK_PERMIT', {
        employerOin,
        caseReference: command.applicationReference,
        subjectKey: command.employeeKey,
        situation: command.situation,
        workStartsOn: command.workStartsOn,
        hoursPerWeek: command.hoursPerWeek,
        vacancyReference: command.vacancyReference,
        receivedOn,
      });
      return (await this.cases.insertIfAbsent(tx, record)) ? record : undefined;
    });
    if (inserted) return { labourMarketCase: inserted, alreadyApplied: false };
    // Two calls with one reference raced: the other one's case stands.
    return { labourMarketCase: await this.get(employerOin, command.applicationReference), alreadyApplied: true };
  }

  async get(employerOin: string, applicationReference: string): Promise<LabourMarketCase> {
    const found = await this.cases.find('WORK_PERMIT', employerOin, applicationReference);
    if (!found) throw new UwvError('CASE_NOT_FOUND', `No work-permit case ${applicationReference} of this employer`);
    return found;
  }

  /**
   * UWV's back office records what its search for priority supply on a vacancy found; the cases waiting on it are
   * decided in the same transaction, and each GVVA advice among them goes to the IND.
   */
  async recordPrioritySupply(
    employerOin: string,
    vacancyReference: string,
    suitableCandidates: number,
  ): Promise<{ casesDecided: number; alreadyRecorded: boolean }> {
    return this.transactions.run(async (tx) => {
      const vacancyBefore = await this.cases.vacancy(employerOin, vacancyReference, tx);
      if (!vacancyBefore) throw new UwvError('VACANCY_NOT_FOUND', `Employer ${employerOin} reported no vacancy ${vacancyReference}`);
      if (!(await this.cases.recordOutcome(tx, employerOin, vacancyReference, suitableCandidates, this.clock.now()))) {
        return { casesDecided: 0, alreadyRecorded: true };
      }
      const vacancy = { ...vacancyBefore, suitableCandidates };
      let casesDecided = 0;
      for (const pending of await this.cases.lockPendingOnVacancy(tx, employerOin, vacancyReference)) {
        const judgement = this.judge(pending, vacancy);
        if (judgement.outcome === 'PENDING') continue;
        await this.decide(tx, pending, judgement);
        casesDecided += 1;
      }
      return { casesDecided, alreadyRecorded: false };
    });
  }

  /**
   * The IND asks for labour-market advice on a single permit (GVVA). Judged now on the vacancy the IND named; the
   * advice goes out at once unless it waits on the priority-supply search. Once per event (inbox); a request UWV
   * cannot judge (no such situation, no employer) is refused, so the consumer dead-letters it with the reason.
   */
  async onAdviceRequested(event: ReceivedEvent<LabourMarketAdviceRequested>): Promise<boolean> {
    const request = event.payload;
    const situation = situationOf(request.situation);
    const employerOin = request.employer?.oin ?? '';
    const pseudonym = request.subject?.pseudonym ?? '';
    const violations = [
      ...(situation === undefined ? [{ field: 'situation', description: 'is not a work situation UWV judges' }] : []),
      ...(employerOin === '' ? [{ field: 'employer.oin', description: 'is required' }] : []),
      ...(request.applicationRef === '' ? [{ field: 'application_ref', description: 'is required' }] : []),
    ];
    // A request UWV cannot judge fails the same way on every retry: the dead-letter topic, with the reason.
    if (situation === undefined || violations.length > 0) {
      throw new UwvError('INVALID_REQUEST', `Advice request ${request.applicationRef} cannot be judged`, { fieldViolations: violations });
    }
    return this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return false;
      const record = await this.open(tx, 'GVVA_ADVICE', {
        employerOin,
        caseReference: request.applicationRef,
        subjectKey: `pseudonym:${pseudonym}`,
        situation,
        workStartsOn: request.requestedOn || this.clock.today(),
        hoursPerWeek: 0,
        vacancyReference: request.vacancyReference,
        receivedOn: this.clock.today(),
      });
      if (!(await this.cases.insertIfAbsent(tx, record))) return false;
      if (record.outcome !== 'PENDING') await this.publishAdvice(tx, record, request.requestedOn);
      return true;
    });
  }

  /** Raises the at-risk event of every pending case inside its at-risk window, once per case; returns how many. */
  async raiseAtRisk(batchSize = 200): Promise<number> {
    const today = this.clock.today();
    const window = this.rules.on(today)?.atRiskDaysBeforeEnd;
    if (window === undefined) return 0;
    let raised = 0;
    for (const caseId of await this.cases.unraisedPendingEndingBy(addCalendarDays(today, window), batchSize)) {
      const done = await this.transactions.run(async (tx) => {
        const pending = await this.cases.lockUnraised(tx, caseId);
        if (!pending || twvTerm(this.rules, pending.receivedOn, today).standing === 'ON_TIME') return false;
        const at = this.clock.now();
        await this.cases.save(tx, { ...pending, atRiskRaisedAt: at });
        await this.outbox.enqueue(tx, TOPICS.workPermitTermAtRisk, {
          caseId: pending.caseId,
          employer: { oin: pending.employerOin, subUnit: '' },
          situation: situationCode(pending.situation),
          receivedOn: pending.receivedOn,
          dueOn: pending.termEndsOn,
          daysLeft: calendarDaysBetween(today, pending.termEndsOn),
          checkedOn: today,
          ruleVersion: pending.ruleVersion,
          occurredAt: toTimestamp(at),
        });
        return true;
      });
      if (done) raised += 1;
    }
    return raised;
  }

  /** A new case, judged on the vacancy named (if any) and the rules of the day it was received. */
  private async open(
    tx: Transaction,
    kind: LabourMarketCaseKind,
    facts: Pick<
      LabourMarketCase,
      'employerOin' | 'caseReference' | 'subjectKey' | 'situation' | 'workStartsOn' | 'hoursPerWeek' | 'vacancyReference' | 'receivedOn'
    >,
  ): Promise<LabourMarketCase> {
    const vacancy = facts.vacancyReference === '' ? undefined : await this.cases.vacancy(facts.employerOin, facts.vacancyReference, tx);
    const judgement = this.judge(facts, vacancy);
    return {
      caseId: this.ids.newId(),
      kind,
      ...facts,
      termEndsOn: judgement.termEndsOn,
      outcome: judgement.outcome,
      reasons: judgement.reasons,
      decidedOn: judgement.outcome === 'PENDING' ? null : facts.receivedOn,
      ruleVersion: judgement.ruleVersion,
      exemptionSource: judgement.exemptionSource,
      atRiskRaisedAt: null,
      createdAt: this.clock.now(),
    };
  }

  private judge(
    facts: Pick<LabourMarketCase, 'situation' | 'receivedOn' | 'workStartsOn' | 'hoursPerWeek'>,
    vacancy: Parameters<typeof judgeLabourMarket>[2],
  ): LabourMarketJudgement {
    try {
      return judgeLabourMarket(this.rules, facts, vacancy);
    } catch (error: unknown) {
      if (error instanceof RulesNotInForceError) throw new UwvError('RULES_NOT_IN_FORCE', error.message, { cause: error });
      throw error;
    }
  }

  private async decide(tx: Transaction, pending: LabourMarketCase, judgement: LabourMarketJudgement): Promise<void> {
    const decided: LabourMarketCase = {
      ...pending,
      outcome: judgement.outcome,
      reasons: judgement.reasons,
      decidedOn: this.clock.today(),
      ruleVersion: judgement.ruleVersion,
    };
    await this.cases.save(tx, decided);
    if (decided.kind === 'GVVA_ADVICE') await this.publishAdvice(tx, decided, '');
  }

  private async publishAdvice(tx: Transaction, decided: LabourMarketCase, requestedOn: IsoDate): Promise<void> {
    const positive = decided.outcome === 'GRANTED' || decided.outcome === 'NOT_REQUIRED';
    await this.outbox.enqueue(tx, TOPICS.labourMarketAdviceGiven, {
      applicationRef: decided.caseReference,
      outcome: positive
        ? LabourMarketAdviceOutcome.LABOUR_MARKET_ADVICE_OUTCOME_POSITIVE
        : LabourMarketAdviceOutcome.LABOUR_MARKET_ADVICE_OUTCOME_NEGATIVE,
      reasons: decided.reasons.map(reasonCode),
      exempt: decided.outcome === 'NOT_REQUIRED',
      advisedOn: decided.decidedOn ?? this.clock.today(),
      requestedOn: requestedOn || decided.receivedOn,
      ruleVersion: decided.ruleVersion,
      occurredAt: toTimestamp(this.clock.now()),
    });
  }
}
