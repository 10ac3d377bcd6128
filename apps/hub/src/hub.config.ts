import { join } from 'node:path';
import { z } from 'zod';
import { loadServiceConfig, serviceConfigSchema } from '@welkom/config';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** The evidence catalogue kept in the repository (versioned reference data, ARCHITECTURE.md §4). */
export const DEFAULT_EVIDENCE_CATALOGUE_FILE = join(REPO_ROOT, 'deploy', 'hub', 'evidence-catalogue.v1.json');

/** Who may link which identifier to a person (issue 11, leak 6): versioned reference data. */
export const DEFAULT_IDENTITY_LINK_AUTHORITIES_FILE = join(REPO_ROOT, 'deploy', 'hub', 'identity-link-authorities.v1.json');

/**
 * The operator register (issue 12): who may act with an operator certificate, and when. The shipped file lists
 * the development operators `npm run certs` makes certificates for; a deployment points at its own.
 */
export const DEFAULT_OPERATOR_REGISTER_FILE = join(REPO_ROOT, 'deploy', 'hub', 'operators.v1.json');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const hubConfigSchema = serviceConfigSchema.extend({
  /** Parties loaded into the registry at start (reference data; production points at the real register). */
  PARTY_SEED_FILE: z.string().min(1).optional(),
  /**
   * Key of the subject pseudonyms (HMAC-SHA-256). Without it the hub still runs its party registry, but
   * refuses every call about a subject (fail closed). Changing it changes every pseudonym.
   */
  SUBJECT_PSEUDONYM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Keys that seal stored identifiers (AES-256-GCM), comma-separated: the first seals, every one opens. To rotate,
   * put a new key first and keep the old one after it until the hub logs that nothing is sealed under it any
   * more. Unset: the key derived from SUBJECT_PSEUDONYM_SECRET (development).
   */
  SUBJECT_SEALING_KEYS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .refine((keys) => keys.every((key) => key.length >= 32), 'every key must be at least 32 characters'),
  /** How often identifiers sealed under an older key are looked for and re-sealed under the current one. */
  SUBJECT_RESEAL_INTERVAL_MS: positiveInt(10_000),
  /** Identifiers re-sealed in one transaction at most. */
  SUBJECT_RESEAL_BATCH: positiveInt(500),
  EVIDENCE_CATALOGUE_FILE: z.string().min(1).default(DEFAULT_EVIDENCE_CATALOGUE_FILE),
  OPERATOR_REGISTER_FILE: z.string().min(1).default(DEFAULT_OPERATOR_REGISTER_FILE),
  IDENTITY_LINK_AUTHORITIES_FILE: z.string().min(1).default(DEFAULT_IDENTITY_LINK_AUTHORITIES_FILE),
  /** Grants created at start when missing (e.g. deploy/hub/dev-grants.v1.json); later changes go through GrantService. */
  GRANT_SEED_FILE: z.string().min(1).optional(),
  /** How often pending evidence requests past their deadline are expired. */
  EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS: positiveInt(1_000),
  /** Evidence requests committed together (with their audit entries) in one transaction at most. */
  EVIDENCE_REQUEST_BATCH_MAX: positiveInt(256),
  /** Such transactions in flight at once. */
  EVIDENCE_REQUEST_BATCH_CONCURRENCY: positiveInt(2),
  /**
   * How often the audit chain's head is signed and published as a checkpoint (when it grew). What is written
   * after the latest checkpoint can be rewritten unnoticed by someone who controls the database, so this is the
   * window of that risk.
   */
  AUDIT_CHECKPOINT_INTERVAL_MS: positiveInt(60_000),
  /**
   * The audit chain's identity in its signed checkpoints. Set it in production (any stable name for this hub's
   * chain): unset, the hash of the first entry is used, which a database administrator rewriting the chain from its
   * first entry could change along with everything else.
   */
  AUDIT_CHAIN_ID: z.string().min(1).max(200).optional(),
  /**
   * The most entries one VerifyAuditChain call re-hashes (issue 12): a larger chain is verified in several calls,
   * each continuing from the last one's last_verified_sequence, or incrementally from a verified checkpoint.
   */
  AUDIT_VERIFY_MAX_ENTRIES: positiveInt(1_000_000),
  /**
   * VerifyAuditChain calls a party (not an operator) may make per hour, each at most AUDIT_VERIFY_MAX_ENTRIES
   * entries; beyond it the hub answers RESOURCE_EXHAUSTED with the delay to retry after (google.rpc.RetryInfo).
   * A verification re-hashes the chain on the hub's CPU: a party may check, not keep the hub busy.
   */
  AUDIT_VERIFY_PARTY_CALLS_PER_HOUR: positiveInt(6),
});

export type HubConfig = z.infer<typeof hubConfigSchema>;

export function loadHubConfig(env: NodeJS.ProcessEnv): HubConfig {
  return loadServiceConfig(hubConfigSchema, env);
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');
/** The hub's own OIN, from its certificate: the actor of what the hub does by itself (seeding, expiry). */
export const HUB_PARTY_OIN = Symbol('HUB_PARTY_OIN');
