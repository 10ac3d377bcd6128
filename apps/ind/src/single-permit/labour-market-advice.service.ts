import { Inject, Injectable } from '@nestjs/common';
import type { LabourMarketAdviceGiven } from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { IND_PARTY_OIN } from '../ind.config';
import { IndError } from '../ind.errors';
import type { RequestLabourMarketAdviceCommand } from './labour-market-advice.command';
import { type LabourMarketAdviceRecord, LabourMarketAdviceRepository } from './labour-market-advice.repository';

/**
 * The single permit (GVVA, DOMAIN.md §2.4): the IND asks UWV for advice on the labour-market part, and records
 * the advice UWV answers with. Both steps are events; the request commits with its event (outbox), the advice is
 * taken once (inbox). Pseudonym, employer, vacancy reference and reason codes only.
 */
@Injectable()
export class LabourMarketAdviceService {
  constructor(
    private readonly advices: LabourMarketAdviceRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(IND_PARTY_OIN) private readonly indOin: string,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
  ) {}

  async request(
    callerOin: string,
    command: RequestLabourMarketAdviceCommand,
  ): Promise<{ advice: LabourMarketAdviceRecord; alreadyRequested: boolean }> {
    if (callerOin !== this.indOin) throw new IndError('IND_ONLY', 'Only the IND asks UWV for labour-market advice');
    const at = this.clock.now();
    const record: LabourMarketAdviceRecord = {
      ...command,
      requestedOn: this.clock.today(),
      requestedAt: at,
      outcome: null,
      reasons: [],
      exempt: null,
      advisedOn: null,
      ruleVersion: null,
      advisedAt: null,
    };
    const isNew = await this.transactions.run(async (tx) => {
      if (!(await this.advices.insertIfAbsent(tx, record))) return false;
      await this.outbox.enqueue(tx, TOPICS.labourMarketAdviceRequested, {
        applicationRef: command.applicationRef,
        subject: { pseudonym: command.subjectPseudonym },
        employer: { oin: command.employerOin, subUnit: '' },
        situation: command.situation,
        vacancyReference: command.vacancyReference,
        requestedOn: record.requestedOn,
        occurredAt: toTimestamp(at),
      });
      return true;
    });
    return { advice: await this.get(callerOin, command.applicationRef), alreadyRequested: !isNew };
  }

  async get(callerOin: string, applicationRef: string): Promise<LabourMarketAdviceRecord> {
    if (callerOin !== this.indOin) throw new IndError('IND_ONLY', 'Only the IND reads its advice requests');
    const found = await this.advices.find(applicationRef);
    if (!found) throw new IndError('APPLICATION_NOT_FOUND', `No labour-market advice request for ${applicationRef}`);
    return found;
  }

  /** UWV's advice, once per event (inbox). */
  async onAdvice(event: ReceivedEvent<LabourMarketAdviceGiven>): Promise<boolean> {
    const advice = event.payload;
    return this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return false;
      const recorded = await this.advices.recordAdvice(tx, advice.applicationRef, {
        outcome: advice.outcome,
        reasons: advice.reasons,
        exempt: advice.exempt,
        advisedOn: advice.advisedOn,
        ruleVersion: advice.ruleVersion,
        advisedAt: this.clock.now(),
      });
      // An advice on a case the IND did not ask about (or has its advice already) fails the same way on every
      // retry: the consumer dead-letters it with this reason, for an operator to look at.
      if (!recorded)
        throw new IndError('APPLICATION_NOT_FOUND', `UWV advised on ${advice.applicationRef}, which has no open advice request`);
      return true;
    });
  }
}
