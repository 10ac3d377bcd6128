import { isDomainError } from '@welkom/errors';

export type HandlerFailure = 'REJECTED' | 'TRANSIENT';

/**
 * A handler that rejects an event for business reasons (a domain error other than UNAVAILABLE) will reject
 * it again on every retry: straight to the dead-letter topic. Anything else (database down, lock timeout,
 * broker hiccup) may pass on a retry.
 */
export function classifyHandlerFailure(error: unknown): HandlerFailure {
  if (isDomainError(error) && error.code !== 'UNAVAILABLE' && error.code !== 'DEADLINE_EXCEEDED') return 'REJECTED';
  return 'TRANSIENT';
}
