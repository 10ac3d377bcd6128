import type { ConsularCapacity } from '../upstream/upstream-documents';

export interface ConsularCapacityPanel {
  readonly referenceVersion: string;
  readonly slotsOffered: number;
  readonly slotsUsed: number;
  readonly pooledToOtherPosts: number;
  readonly posts: ConsularCapacity['posts'];
}

/** The consular service's figures per post with the totals over all posts. */
export function consularCapacityPanel(capacity: ConsularCapacity): ConsularCapacityPanel {
  const total = (pick: (post: ConsularCapacity['posts'][number]) => number): number =>
    capacity.posts.reduce((sum, post) => sum + pick(post), 0);
  return {
    referenceVersion: capacity.referenceVersion,
    slotsOffered: total((post) => post.slotsOffered),
    slotsUsed: total((post) => post.slotsUsed),
    pooledToOtherPosts: total((post) => post.pooledToOtherPosts),
    posts: capacity.posts,
  };
}
