import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { HubError } from '../hub.errors';
import type { PartyRecord } from './party.repository';

export function hasRole(party: Pick<PartyRecord, 'roles'>, role: PartyRole): boolean {
  return party.roles.includes(role);
}

/** Grant administration and the subject's view are for the hub operator only. */
export function assertHubOperator(party: PartyRecord): void {
  if (!hasRole(party, PartyRole.PARTY_ROLE_HUB_OPERATOR)) {
    throw new HubError('NOT_HUB_OPERATOR', `Party ${party.oin} is not the hub operator`);
  }
}

/**
 * A caller may say it acts as one of its registered sub-units; anything else is a request error, not an
 * identity: the certificate still decides which party is calling.
 */
export function subUnitViolation(party: PartyRecord, subUnit: string, field: string): { field: string; description: string } | undefined {
  if (subUnit === '' || party.subUnits.some((unit) => unit.code === subUnit)) return undefined;
  return { field, description: `is not a registered sub-unit of party ${party.oin}` };
}
