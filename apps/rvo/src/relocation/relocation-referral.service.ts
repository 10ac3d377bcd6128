import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, type ReceivedEvent } from '@welkom/messaging';
import { addCalendarMonths, ClockRepository, formatIsoDate, IdRepository, parseIsoDate, TransactionRepository } from '@welkom/platform';
import type { WelcomeCentreReference } from '@welkom/reference-data';
import type { CentreUptake, RelocationReferralRecord } from './relocation-referral';
import { arrivalCommand } from './relocation-referral.command';
import { toReferralEvent } from './relocation-referral.mapper';
import { referArrival } from './relocation-referral.policy';
import { RelocationReferralRepository } from './relocation-referral.repository';
import { RelocationMetricsRepository } from './relocation-metrics.repository';
import { WELCOME_CENTRE_CAPACITIES, WELCOME_CENTRES, type WelcomeCentreCapacities } from './welcome-centre-capacity.reference';

export interface MonthUptake {
  /** YYYY-MM */
  readonly month: string;
  readonly centreTableVersion: string;
  readonly capacityTableVersion: string;
  readonly centres: CentreUptake[];
}

/**
 * The relocation tool (seed 000, DOMAIN.md §2.7): when the IND grants a permit or the post issues the MVV, the
 * arrival is referred to the regional welcome centre the existing policy picks, once per application, and the
 * referral is published in the same transaction as it is stored (outbox). The status event is claimed in the
 * inbox in that transaction too, so a redelivered event refers nothing twice.
 */
@Injectable()
export class RelocationReferralService {
  private readonly logger = new Logger(RelocationReferralService.name);

  constructor(
    private readonly referrals: RelocationReferralRepository,
    private readonly metrics: RelocationMetricsRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(WELCOME_CENTRES) private readonly centres: WelcomeCentreReference,
    @Inject(WELCOME_CENTRE_CAPACITIES) private readonly capacities: WelcomeCentreCapacities,
  ) {}

  /** The referral made for this event, or undefined (no arrival, already referred, or no centre serves it). */
  async statusChanged(event: ReceivedEvent<ApplicationStatusChanged>): Promise<RelocationReferralRecord | undefined> {
    const command = arrivalCommand(event.payload);
    if (command === undefined) return undefined;
    const referral = referArrival(command.arrival, this.centres);
    const made = await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return undefined;
      if (referral === undefined) return 'UNSERVED' as const;
      const record: RelocationReferralRecord = {
        ...referral,
        referralId: this.ids.newId(),
        applicationRef: command.applicationRef,
        trigger: command.trigger,
        referredAt: this.clock.now(),
      };
      if (!(await this.referrals.insertOnce(tx, record))) return undefined;
      await this.outbox.enqueue(tx, TOPICS.relocationReferral, toReferralEvent(record));
      return record;
    });
    if (made === 'UNSERVED') {
      this.logger.warn(`No welcome centre serves the arrival of case ${command.applicationRef}`);
      this.metrics.unservedArrival(command.arrival.category);
      return undefined;
    }
    if (made !== undefined) this.metrics.referred(made.centreCode, made.category, made.basis);
    return made;
  }

  /** Each centre's referrals with an arrival in the month of `day`, against its capacity that month. */
  async uptake(day: string = this.clock.today()): Promise<MonthUptake> {
    const first = `${day.slice(0, 7)}-01`;
    const nextFirst = parseIsoDate(addCalendarMonths(first, 1));
    if (nextFirst === undefined) throw new RangeError('unreachable: addCalendarMonths returns an ISO date');
    const last = formatIsoDate(nextFirst - 1);
    const counted = await this.referrals.countByCentre(first, last);
    const centres = this.centres.centresOn(first).map((centre) => {
      const uptake: CentreUptake = {
        centreCode: centre.code,
        centreName: centre.name,
        monthlyCapacity: this.capacities.monthlyReferrals(centre.code, first),
        referred: counted.get(centre.code) ?? 0,
      };
      this.metrics.monthCounted(uptake.centreCode, uptake.monthlyCapacity, uptake.referred);
      return uptake;
    });
    return { month: first.slice(0, 7), centreTableVersion: this.centres.version, capacityTableVersion: this.capacities.version, centres };
  }
}
