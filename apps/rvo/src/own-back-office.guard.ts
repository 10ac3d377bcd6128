import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type CallWithAuthContext, callerOins } from '@welkom/grpc';
import { RVO_PARTY_OIN } from './rvo.config';
import { RvoError } from './rvo.errors';

/**
 * The back-office API issues evidence to the hub in RVO's name, so only RVO's own back office (RVO's certificate)
 * may call it; the IND or a university from the same CA is refused.
 */
@Injectable()
export class OwnBackOfficeGuard implements CanActivate {
  constructor(@Inject(RVO_PARTY_OIN) private readonly ownOin: string) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = callerOins.oinOf(context.getArgByIndex<CallWithAuthContext>(2));
    if (caller !== this.ownOin) throw new RvoError('NOT_OWN_BACK_OFFICE', `Party ${caller} is not RVO's back office`);
    return true;
  }
}
