import { firstValueFrom, type Observable, timeout } from 'rxjs';
import { classifyRemoteError, type RemoteRejection } from './remote-error';

/** Another service's answer: what it returned, or its refusal as a value. */
export type RemoteAnswer<T> = { ok: true; value: T } | { ok: false; rejection: RemoteRejection };

/**
 * One call to another service within a deadline. Its "no" is an answer the caller decides on; a service that
 * could not be reached decided nothing, so that becomes the caller's own error (typically `*_UNAVAILABLE`, for
 * a retry later) rather than an answer it never got.
 */
export async function askRemote<T>(
  call: Observable<T>,
  timeoutMs: number,
  unreachable: (message: string, cause: unknown) => Error,
): Promise<RemoteAnswer<T>> {
  try {
    return { ok: true, value: await firstValueFrom(call.pipe(timeout(timeoutMs))) };
  } catch (error: unknown) {
    const classified = classifyRemoteError(error);
    if (classified.transient) throw unreachable(classified.message, error);
    return { ok: false, rejection: classified.rejection };
  }
}
