import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type CallWithAuthContext, callerOins } from '@welkom/grpc';
import { CONSULAR_PARTY_OIN } from './consular.config';
import { ConsularError } from './consular.errors';

/**
 * The back office acts as the consular service towards the hub (it issues biometrics evidence in the service's
 * name), so only the service's own certificate may call it; any other party of the chain's CA is refused.
 */
@Injectable()
export class OwnBackOfficeGuard implements CanActivate {
  constructor(@Inject(CONSULAR_PARTY_OIN) private readonly ownOin: string) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = callerOins.oinOf(context.getArgByIndex<CallWithAuthContext>(2));
    if (caller !== this.ownOin) throw new ConsularError('NOT_OWN_BACK_OFFICE', `Party ${caller} is not the consular service's back office`);
    return true;
  }
}
