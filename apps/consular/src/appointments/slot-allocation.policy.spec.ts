import type { IsoDate } from '@welkom/platform';
import { bundledConsularPostReference } from '../posts/consular-post.reference';
import { allocateSlot, type BookedCount, type SlotRequest } from './slot-allocation.policy';

const posts = bundledConsularPostReference();
// 2 March 2026 is a Monday; the window is the 3 months after a notification of 1 March.
const WINDOW = { firstDay: '2026-03-02', lastDay: '2026-06-01' } as const;
const request = (
  preferredPost: string,
  residenceCountry: string,
  window: Pick<SlotRequest, 'firstDay' | 'lastDay'> = WINDOW,
): SlotRequest => ({
  preferredPost,
  residenceCountry,
  ...window,
});

/** Every slot of the named posts taken up to and including `until`; nothing taken elsewhere. */
function fullUntil(until: Record<string, IsoDate>): BookedCount {
  return (post, day) => (until[post] !== undefined && day <= until[post] ? Number.MAX_SAFE_INTEGER : 0);
}
const NOTHING_BOOKED: BookedCount = () => 0;

describe('slot allocation with pooling between posts (seed 003)', () => {
  it('offers the chosen post’s first open day when it has room', () => {
    expect(allocateSlot(request('lagos', 'NG'), posts, NOTHING_BOOKED)).toEqual({
      kind: 'OFFERED',
      firstPost: 'lagos',
      post: 'lagos',
      day: '2026-03-03',
      firstPostWaitingDays: 1,
      reroutes: [],
      referenceVersion: posts.version,
    });
  });

  it('counts a booked slot: the one Lagos slot of a Tuesday taken, the Thursday is offered', () => {
    const booked: BookedCount = (post, day) => (post === 'lagos' && day === '2026-03-03' ? 1 : 0);
    expect(allocateSlot(request('lagos', 'NG'), posts, booked)).toMatchObject({
      post: 'lagos',
      day: '2026-03-05',
      firstPostWaitingDays: 3,
    });
  });

  it('pools to the first partner (a Schengen partner’s post) when the chosen post is full beyond its waiting limit', () => {
    expect(allocateSlot(request('lagos', 'NG'), posts, fullUntil({ lagos: '2026-03-31' }))).toEqual({
      kind: 'OFFERED',
      firstPost: 'lagos',
      post: 'be-abuja',
      day: '2026-03-02',
      firstPostWaitingDays: 31,
      reroutes: [{ fromPost: 'lagos', toPost: 'be-abuja', reason: 'NO_CAPACITY' }],
      referenceVersion: posts.version,
    });
  });

  it('goes on to the next partner when the first partner is full too', () => {
    const allocation = allocateSlot(request('lagos', 'NG'), posts, fullUntil({ lagos: '2026-03-31', 'be-abuja': '2026-05-31' }));
    expect(allocation).toMatchObject({
      post: 'nairobi',
      day: '2026-03-02',
      reroutes: [{ fromPost: 'lagos', toPost: 'nairobi', reason: 'NO_CAPACITY' }],
    });
  });

  it('offers the earliest slot in the window when no post can keep the waiting limit, the chosen post winning ties', () => {
    const allocation = allocateSlot(
      request('lagos', 'NG'),
      posts,
      fullUntil({ lagos: '2026-03-31', 'be-abuja': '2026-04-30', nairobi: '2026-04-30' }),
    );
    expect(allocation).toMatchObject({ post: 'lagos', day: '2026-04-02', firstPostWaitingDays: 31, reroutes: [] });
  });

  it('offers nothing when no post has a slot inside the 3-month window', () => {
    expect(
      allocateSlot(request('lagos', 'NG'), posts, fullUntil({ lagos: '2026-06-30', 'be-abuja': '2026-06-30', nairobi: '2026-06-30' })),
    ).toEqual({
      kind: 'NO_SLOT_IN_WINDOW',
      firstPost: 'lagos',
      tried: ['lagos', 'be-abuja', 'nairobi'],
      referenceVersion: posts.version,
    });
  });

  it('skips weekends and the post’s local holidays (Good Friday and Easter Monday in Nairobi)', () => {
    const easter = request('nairobi', 'KE', { firstDay: '2026-04-03', lastDay: '2026-07-02' });
    expect(allocateSlot(easter, posts, NOTHING_BOOKED)).toMatchObject({ post: 'nairobi', day: '2026-04-07', firstPostWaitingDays: 4 });
  });

  it('keeps the applicant’s choice of a post outside the country of residence', () => {
    expect(allocateSlot(request('new-delhi', 'KE'), posts, NOTHING_BOOKED)).toMatchObject({ firstPost: 'new-delhi', post: 'new-delhi' });
  });

  it('takes the Dutch post of the country of residence when none was chosen, or the chosen one is unknown', () => {
    expect(allocateSlot(request('', 'IN'), posts, NOTHING_BOOKED)).toMatchObject({ firstPost: 'new-delhi' });
    expect(allocateSlot(request('atlantis', 'NG'), posts, NOTHING_BOOKED)).toMatchObject({ firstPost: 'lagos' });
  });

  it('routes a country without Dutch representation to the post an agreement names, and records why', () => {
    expect(allocateSlot(request('', 'BJ'), posts, NOTHING_BOOKED)).toMatchObject({
      firstPost: 'be-abuja',
      post: 'be-abuja',
      reroutes: [{ fromPost: '', toPost: 'be-abuja', reason: 'NO_REPRESENTATION' }],
    });
  });

  it('names the country when no post serves it', () => {
    expect(allocateSlot(request('', 'ZZ'), posts, NOTHING_BOOKED)).toEqual({
      kind: 'NO_POST',
      residenceCountry: 'ZZ',
      referenceVersion: posts.version,
    });
  });
});
