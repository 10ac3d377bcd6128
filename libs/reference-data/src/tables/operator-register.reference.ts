import { z } from 'zod';
import { OPERATOR_ID_PATTERN } from '@welkom/validation';
import { isValidOn, validityProblems } from '../dated-entries';
import { readReferenceFile } from '../reference-file.loader';
import { referenceFileSchema, validityFields } from '../reference-file.schema';

/**
 * What an operator may do. One role today: every registered operator may make every operator call (grants,
 * parties, dead-letter replays, audit reads and revocations), four-eyes where the call demands it. The role is in
 * the register so that a narrower one (an auditor who only reads) is a data change plus its check, not a new file.
 */
export const OPERATOR_ROLES = ['HUB_ADMINISTRATOR'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/**
 * The hub's operator register (issue 12): the people who may act for the hub operator, by the personal identifier
 * their certificate carries in `UID`, each for a dated period. A certificate with the operator key usage from the
 * right CA is not enough: its UID must be in this register, valid that day, and not revoked at the hub.
 * Per deployment, like the party list; the schema lives here because the hub and the development PKI read it.
 */
export const operatorRegisterSchema = referenceFileSchema({
  operators: z
    .array(
      z.object({
        // As the certificate's UID is read (libs/grpc caller-identity.ts): a staff code, not a name.
        id: z.string().regex(OPERATOR_ID_PATTERN, 'expected a staff code (a-z, 0-9, ".", "-")'),
        name: z.string().min(1),
        role: z.enum(OPERATOR_ROLES),
        ...validityFields,
      }),
    )
    .min(1, 'expected at least one operator'),
});

export type OperatorRegister = z.infer<typeof operatorRegisterSchema>;
export type OperatorRegisterEntry = OperatorRegister['operators'][number];

/** Where an operator stands on a day, by the register alone (revocations are the hub's own record). */
export type OperatorStanding =
  | { readonly kind: 'registered'; readonly entry: OperatorRegisterEntry }
  | { readonly kind: 'not-registered' }
  | { readonly kind: 'outside-validity'; readonly entries: readonly OperatorRegisterEntry[] };

/** Reads and checks the register: one entry per person at a time (periods of one id may not overlap). */
export function readOperatorRegister(filePath: string): OperatorRegister {
  return readReferenceFile(operatorRegisterSchema, filePath, (register) =>
    validityProblems('operators', register.operators, (entry) => entry.id),
  );
}

/** The register's answer for `operatorId` on `day` (YYYY-MM-DD, the hub's calendar day). */
export function operatorStandingOn(register: OperatorRegister, operatorId: string, day: string): OperatorStanding {
  const entries = register.operators.filter((entry) => entry.id === operatorId);
  if (entries.length === 0) return { kind: 'not-registered' };
  const valid = entries.find((entry) => isValidOn(entry, day));
  return valid ? { kind: 'registered', entry: valid } : { kind: 'outside-validity', entries };
}
