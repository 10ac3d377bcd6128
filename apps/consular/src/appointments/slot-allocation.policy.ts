import { addCalendarDays, calendarDaysBetween, type IsoDate, isoWeekdayOf, parseIsoDate } from '@welkom/platform';
import type { ConsularPost, ConsularPostReference } from '../posts/consular-post.reference';

/** Why an appointment left the post before it: no capacity soon enough there, or no Dutch post in the country. */
export type RerouteReason = 'NO_CAPACITY' | 'NO_REPRESENTATION';

export interface Reroute {
  readonly fromPost: string;
  readonly toPost: string;
  readonly reason: RerouteReason;
}

export interface SlotRequest {
  /** The post the applicant chose in the application; empty when none was chosen. */
  readonly preferredPost: string;
  /** The applicant's country of residence: decides the post when none was chosen, or the chosen one is unknown. */
  readonly residenceCountry: string;
  /** The first day an appointment can be given (the day after the request). */
  readonly firstDay: IsoDate;
  /** The last day of the 3-month appearance window, inclusive. */
  readonly lastDay: IsoDate;
}

/** How many appointments a post already holds on a day. */
export type BookedCount = (postCode: string, day: IsoDate) => number;

export type SlotAllocation =
  | {
      readonly kind: 'OFFERED';
      /** The post whose calendar was asked first (chosen, or serving the country): its figures count the demand. */
      readonly firstPost: string;
      readonly post: string;
      readonly day: IsoDate;
      /** Days from the request's first day to the first free slot at the first post; null when it had none in the window. */
      readonly firstPostWaitingDays: number | null;
      readonly reroutes: readonly Reroute[];
      readonly referenceVersion: string;
    }
  | { readonly kind: 'NO_POST'; readonly residenceCountry: string; readonly referenceVersion: string }
  | {
      readonly kind: 'NO_SLOT_IN_WINDOW';
      readonly firstPost: string;
      readonly tried: readonly string[];
      readonly referenceVersion: string;
    };

function isOpenOn(post: ConsularPost, day: IsoDate): boolean {
  const epochDay = parseIsoDate(day);
  return epochDay !== undefined && post.openingDays.includes(isoWeekdayOf(epochDay)) && !post.localHolidays.includes(day);
}

/** The first day in [firstDay, lastDay] on which `post` is open and has a free slot, if any. */
export function firstFreeSlot(
  post: ConsularPost,
  request: Pick<SlotRequest, 'firstDay' | 'lastDay'>,
  booked: BookedCount,
): IsoDate | undefined {
  for (let day = request.firstDay; day <= request.lastDay; day = addCalendarDays(day, 1)) {
    if (isOpenOn(post, day) && booked(post.code, day) < post.slotsPerDay) return day;
  }
  return undefined;
}

/**
 * The slot a post offers inside the appearance window (DOMAIN.md §2.2), pooled where capacity is scarce (seed 003).
 * The first post is the one chosen in the application, else the Dutch post in the country of residence, else the
 * post a representation agreement names for it. It keeps the appointment when its first free slot lies within
 * its `maxWaitingDays`; otherwise its pooling partners are asked in order and the first that can do so within the
 * first post's `maxWaitingDays` takes it. When none can, the earliest slot anywhere in the window is offered
 * (the first post winning ties); when there is none at all, nothing is offered. Pure: the booked counts are given.
 */
export function allocateSlot(request: SlotRequest, posts: ConsularPostReference, booked: BookedCount): SlotAllocation {
  const on = request.firstDay;
  const referenceVersion = posts.version;
  const reroutes: Reroute[] = [];
  let first = request.preferredPost === '' ? undefined : posts.post(request.preferredPost, on);
  if (!first) first = posts.postIn(request.residenceCountry, on);
  if (!first) {
    const represented = posts.representedBy(request.residenceCountry, on);
    first = represented === undefined ? undefined : posts.post(represented, on);
    if (first) reroutes.push({ fromPost: request.preferredPost, toPost: first.code, reason: 'NO_REPRESENTATION' });
  }
  if (!first) return { kind: 'NO_POST', residenceCountry: request.residenceCountry, referenceVersion };

  const firstPost = first;
  const waitingAt = (day: IsoDate | undefined): number | null => (day === undefined ? null : calendarDaysBetween(request.firstDay, day));
  const firstDay = firstFreeSlot(firstPost, request, booked);
  const firstPostWaitingDays = waitingAt(firstDay);
  const offer = (post: string, day: IsoDate): SlotAllocation => ({
    kind: 'OFFERED',
    firstPost: firstPost.code,
    post,
    day,
    firstPostWaitingDays,
    reroutes: post === firstPost.code ? reroutes : [...reroutes, { fromPost: firstPost.code, toPost: post, reason: 'NO_CAPACITY' }],
    referenceVersion,
  });
  if (firstDay !== undefined && firstPostWaitingDays !== null && firstPostWaitingDays <= firstPost.maxWaitingDays)
    return offer(firstPost.code, firstDay);

  const candidates: { post: string; day: IsoDate }[] = firstDay === undefined ? [] : [{ post: firstPost.code, day: firstDay }];
  for (const partnerCode of firstPost.poolingPartners) {
    const partner = posts.post(partnerCode, on);
    const day = partner ? firstFreeSlot(partner, request, booked) : undefined;
    if (day === undefined) continue;
    const waiting = waitingAt(day);
    if (waiting !== null && waiting <= firstPost.maxWaitingDays) return offer(partnerCode, day);
    candidates.push({ post: partnerCode, day });
  }
  const earliest = candidates.reduce<{ post: string; day: IsoDate } | undefined>(
    (best, candidate) => (best === undefined || candidate.day < best.day ? candidate : best),
    undefined,
  );
  if (earliest) return offer(earliest.post, earliest.day);
  return { kind: 'NO_SLOT_IN_WINDOW', firstPost: firstPost.code, tried: [firstPost.code, ...firstPost.poolingPartners], referenceVersion };
}
