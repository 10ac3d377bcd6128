import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import {
  type Caller as CallerIdentity,
  type CallingOperator,
  type CallingParty,
  type CallWithAuthContext,
  CallerIdentityError,
} from './caller-identity';
import { callerOins } from './caller-oin.cache';

/**
 * The calling party's OIN from its verified TLS client certificate, as a handler parameter:
 * `listGrants(@Payload() request, _metadata?: Metadata, @CallerOin() caller = callerOinRequired())`.
 * NestJS calls a gRPC handler with (request, metadata, call); the call is argument 2. A call without a
 * certificate or OIN is refused with UNAUTHENTICATED before the handler runs. The OIN is read once per connection
 * (see CallerOinCache).
 *
 * Once a parameter is decorated, Nest passes only decorated parameters, so the request needs `@Payload()`.
 * The caller parameter comes after `metadata` and has a default because the generated controller interfaces
 * declare `(request, metadata?)`: anything after must be optional.
 */
export const CallerOin = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  callerOins.oinOf(context.getArgByIndex<CallWithAuthContext>(2)),
);

/**
 * The calling party and sub-unit from the verified TLS client certificate, `{ oin, subUnit }` (subUnit '' for the
 * party's own certificate), as a handler parameter used like `@CallerOin()`:
 * `recordBiometrics(@Payload() request, _metadata?: Metadata, @CallerParty() caller = callerPartyRequired())`.
 * A sub-unit is only what the certificate says; whether the party has that sub-unit is for the service to check.
 */
export const CallerParty = createParamDecorator((_data: unknown, context: ExecutionContext): CallingParty =>
  callerOins.partyOf(context.getArgByIndex<CallWithAuthContext>(2)),
);

/**
 * The operator in person calling with a personal operator certificate, `{ oin, operatorId }`, as a handler parameter
 * used like `@CallerOin()`: `createGrant(@Payload() request, _metadata?: Metadata, @CallerOperator() operator =
 * callerOperatorRequired())`. A party certificate (the hub's own included) is refused with PERMISSION_DENIED
 * (OPERATOR_CERTIFICATE_REQUIRED) before the handler runs; whether the OIN is the hub operator's is the service's call.
 */
export const CallerOperator = createParamDecorator((_data: unknown, context: ExecutionContext): CallingOperator =>
  callerOins.operatorOf(context.getArgByIndex<CallWithAuthContext>(2)),
);

/**
 * Whoever calls, a party or an operator in person (`{ kind, party }` or `{ kind, operator }`), for the few methods
 * both may call with their own rules (VerifyAuditChain: operators unlimited, parties rate-limited). Used like
 * `@CallerOin()`, with `callerRequired()` as the default.
 */
export const AnyCaller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerIdentity =>
  callerOins.callerOf(context.getArgByIndex<CallWithAuthContext>(2)),
);

/** The default of an `@AnyCaller()` parameter; see callerOinRequired. */
export function callerRequired(): never {
  return callerOinRequired();
}

/** The default of a `@CallerOperator()` parameter; see callerOinRequired. */
export function callerOperatorRequired(): never {
  return callerOinRequired();
}

/** The default of a `@CallerParty()` parameter; see callerOinRequired. */
export function callerPartyRequired(): never {
  return callerOinRequired();
}

/**
 * The default of a `@CallerOin()` parameter. Nest always fills the parameter (or refuses the call), so this
 * only runs when a handler is called without Nest; it fails closed rather than act for nobody.
 */
export function callerOinRequired(): never {
  throw new CallerIdentityError('NO_CLIENT_CERTIFICATE', 'The handler was called without a caller identity');
}
