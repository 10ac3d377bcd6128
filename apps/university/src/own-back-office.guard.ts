import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { type CallWithAuthContext, callerOins } from '@welkom/grpc';
import { UNIVERSITY_PARTY_OIN } from './university.config';
import { UniversityError } from './university.errors';

/**
 * The back-office API acts as this university towards the hub and the IND, so only this university may call
 * it: its back office presents the university's own certificate. Any other party of the chain's CA (the IND,
 * another university) is refused, or it could push evidence or file applications in this university's name.
 */
@Injectable()
export class OwnBackOfficeGuard implements CanActivate {
  constructor(@Inject(UNIVERSITY_PARTY_OIN) private readonly ownOin: string) {}

  canActivate(context: ExecutionContext): boolean {
    // gRPC handlers get (request, metadata, call); the call carries the verified client certificate, read once
    // per connection.
    const caller = callerOins.oinOf(context.getArgByIndex<CallWithAuthContext>(2));
    if (caller !== this.ownOin) {
      throw new UniversityError('NOT_OWN_BACK_OFFICE', `Party ${caller} is not this university's back office`);
    }
    return true;
  }
}
