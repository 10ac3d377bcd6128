import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { type CallWithAuthContext, callerOins } from '@welkom/grpc';
import { PartyDirectory } from '@welkom/messaging';
import { UwvError } from './uwv.errors';

/**
 * Wage declarations come from employers' payroll: only a party with the EMPLOYER role may send them, and (the
 * service keys every declaration by the caller's OIN) only for itself.
 */
@Injectable()
export class EmployerGuard implements CanActivate {
  constructor(private readonly parties: PartyDirectory) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = callerOins.oinOf(context.getArgByIndex<CallWithAuthContext>(2));
    if (!this.parties.rolesOf(caller).has(PartyRole.PARTY_ROLE_EMPLOYER)) {
      throw new UwvError('NOT_AN_EMPLOYER', `Party ${caller} is not an employer`);
    }
    return true;
  }
}
