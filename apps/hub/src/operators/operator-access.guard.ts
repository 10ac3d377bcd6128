import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type Caller, callerOins, type CallWithAuthContext } from '@welkom/grpc';
import { OperatorAccessService } from './operator-access.service';

/**
 * Every gRPC call the hub serves with an operator's personal certificate passes the operator register and the
 * revocations first, whichever service it is for (grants, parties, audit, dead-letter replays, revocation). Party
 * calls, Kafka events and HTTP pass untouched; a certificate that names nobody is left to the handler's own
 * identity check, which refuses it with its own reason.
 */
@Injectable()
export class OperatorAccessGuard implements CanActivate {
  constructor(private readonly access: OperatorAccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const call = context.getArgByIndex<CallWithAuthContext | undefined>(2);
    if (typeof call?.getAuthContext !== 'function') return true;
    const caller = callerOf(call);
    if (caller?.kind === 'operator') await this.access.requireActive(caller.operator);
    return true;
  }
}

/** Through the per-connection cache the handlers' caller decorators use: one certificate read per connection. */
function callerOf(call: CallWithAuthContext): Caller | undefined {
  try {
    return callerOins.callerOf(call);
  } catch {
    return undefined;
  }
}
