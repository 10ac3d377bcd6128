import { z } from 'zod';
import { DatedEntries, isoDateSchema, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import bundledConsularPosts from '../../reference/consular-posts.v1.json';

export const CONSULAR_POSTS_FILE = 'consular-posts.v1.json';

const postCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a sub-unit code callers can name (a-z, 0-9, -)');
const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');

const postSchema = z.object({
  code: postCode,
  name: z.string().min(3),
  country,
  /** The state whose post it is: another Schengen state's post serves under a representation agreement. */
  operatedBy: country,
  slotsPerDay: z.number().int().min(0),
  /** ISO weekdays (1 = Monday … 7 = Sunday) the post takes biometrics. */
  openingDays: z.array(z.number().int().min(1).max(7)).min(1),
  localHolidays: z.array(isoDateSchema),
  /** Longer than this to the first free slot, and the appointment goes to a pooling partner. */
  maxWaitingDays: z.number().int().min(0),
  poolingPartners: z.array(postCode),
  ...validityFields,
  source: sourceSchema,
});

const representationSchema = z.object({ country, post: postCode, ...validityFields, source: sourceSchema });

export const consularPostsSchema = referenceFileSchema({
  posts: z.array(postSchema).min(1),
  representations: z.array(representationSchema),
});

export type ConsularPostFile = z.infer<typeof consularPostsSchema>;
export type ConsularPost = ConsularPostFile['posts'][number];

/** Pooling partners and representations must name posts of the file, and a post never pools to itself. */
function crossReferenceProblems(file: ConsularPostFile): string[] {
  const codes = new Set(file.posts.map((post) => post.code));
  const problems: string[] = [];
  file.posts.forEach((post, index) => {
    post.poolingPartners.forEach((partner, at) => {
      if (!codes.has(partner)) problems.push(`posts[${index}] (${post.code}) .poolingPartners[${at}]: no post ${partner}`);
      if (partner === post.code) problems.push(`posts[${index}] (${post.code}) .poolingPartners[${at}]: a post cannot pool to itself`);
    });
  });
  file.representations.forEach((representation, index) => {
    if (!codes.has(representation.post))
      problems.push(`representations[${index}] (${representation.country}) .post: no post ${representation.post}`);
  });
  return problems;
}

/** The posts' calendars and pooling, looked up by reference date. */
export class ConsularPostReference {
  readonly version: string;
  private readonly posts: DatedEntries<ConsularPost>;
  private readonly representations: DatedEntries<ConsularPostFile['representations'][number]>;

  constructor(file: ConsularPostFile, fileName: string) {
    this.version = file.version;
    this.posts = new DatedEntries(fileName, 'posts', file.posts, (post) => post.code);
    this.representations = new DatedEntries(fileName, 'representations', file.representations, (entry) => entry.country);
  }

  post(code: string, on: string): ConsularPost | undefined {
    return this.posts.on(on, code);
  }

  /** Every post code the file knows, in file order (for the capacity figures). */
  postCodes(): string[] {
    return [...new Set(this.posts.all().map((post) => post.code))];
  }

  /** The post that serves nationals of a country without its own Dutch post, if an agreement names one. */
  representedBy(countryCode: string, on: string): string | undefined {
    return this.representations.on(on, countryCode)?.post;
  }

  /** A Dutch post in the applicant's country of residence, when there is one. */
  postIn(countryCode: string, on: string): ConsularPost | undefined {
    return this.posts
      .all()
      .find((post) => post.country === countryCode && post.operatedBy === 'NL' && this.posts.on(on, post.code) === post);
  }
}

export function parseConsularPostReference(json: unknown): ConsularPostReference {
  return new ConsularPostReference(
    parseReferenceFile(consularPostsSchema, json, CONSULAR_POSTS_FILE, crossReferenceProblems),
    CONSULAR_POSTS_FILE,
  );
}

export function bundledConsularPostReference(): ConsularPostReference {
  return parseConsularPostReference(bundledConsularPosts);
}
