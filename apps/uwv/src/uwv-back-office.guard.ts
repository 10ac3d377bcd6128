import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type CallWithAuthContext, callerOins } from '@welkom/grpc';
import { UWV_PARTY_OIN } from './uwv.config';
import { UwvError } from './uwv.errors';

/** What only UWV itself may record (the outcome of its priority-supply search): UWV's own certificate. */
@Injectable()
export class UwvBackOfficeGuard implements CanActivate {
  constructor(@Inject(UWV_PARTY_OIN) private readonly ownOin: string) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = callerOins.oinOf(context.getArgByIndex<CallWithAuthContext>(2));
    if (caller !== this.ownOin) throw new UwvError('NOT_OWN_BACK_OFFICE', `Party ${caller} is not UWV's own back office`);
    return true;
  }
}
