import type { OperatorRegisterEntry, OperatorStanding } from '@welkom/reference-data';
import { HubError } from '../hub.errors';
import type { OperatorRevocationRecord } from './operator-revocation';

/**
 * Whether the operator a certificate names may act today: in the register, within a validity period, and not
 * revoked. The register entry when they may; otherwise the refusal, with a reason saying which of the three failed
 * (PERMISSION_DENIED: the certificate itself is sound, the person may not act).
 */
export function operatorAccess(
  operatorId: string,
  day: string,
  standing: OperatorStanding,
  revocation: OperatorRevocationRecord | undefined,
): { entry: OperatorRegisterEntry } | { refusal: HubError } {
  // Revocation first: a revoked operator is told so, even when the register has also dropped them since.
  if (revocation) {
    return {
      refusal: new HubError(
        'OPERATOR_REVOKED',
        `Operator ${operatorId} was revoked at ${revocation.revokedAt.toISOString()} by ${revocation.revokedBy}`,
      ),
    };
  }
  switch (standing.kind) {
    case 'registered':
      return { entry: standing.entry };
    case 'not-registered':
      return { refusal: new HubError('OPERATOR_NOT_REGISTERED', `Operator ${operatorId} is not in the hub's operator register`) };
    case 'outside-validity': {
      const periods = standing.entries.map((entry) => `${entry.validFrom} to ${entry.validTo ?? 'open'}`).join(', ');
      return {
        refusal: new HubError('OPERATOR_NOT_VALID', `Operator ${operatorId} is registered for ${periods}, not for ${day}`),
      };
    }
  }
}
