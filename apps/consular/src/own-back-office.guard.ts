import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type CallWithAuthContext, callerOins } from '@welkom/grpc';
import { CONSULAR_PARTY_OIN, CONSULAR_SUB_UNITS } from './consular.config';
import { ConsularError } from './consular.errors';

/**
 * The back office acts as the consular service towards the hub (it issues biometrics evidence in the service's
 * name), so only the service's own certificates may call it: the party's, or a post's (a sub-unit certificate,
 * the post code in OU) for a post the party list gives the service. Any other party of the chain's CA, and a
 * certificate naming a post the list does not have, is refused.
 */
@Injectable()
export class OwnBackOfficeGuard implements CanActivate {
  constructor(
    @Inject(CONSULAR_PARTY_OIN) private readonly ownOin: string,
    @Inject(CONSULAR_SUB_UNITS) private readonly posts: ReadonlySet<string>,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = callerOins.partyOf(context.getArgByIndex<CallWithAuthContext>(2));
    if (caller.oin !== this.ownOin)
      throw new ConsularError('NOT_OWN_BACK_OFFICE', `Party ${caller.oin} is not the consular service's back office`);
    if (caller.subUnit !== '' && !this.posts.has(caller.subUnit))
      throw new ConsularError('UNKNOWN_SUB_UNIT', `The party list has no post ${caller.subUnit} of party ${caller.oin}`);
    return true;
  }
}
