import { status } from '@grpc/grpc-js';
import { NEVER, of, throwError } from 'rxjs';
import { askRemote } from './remote-call';

const unreachable = (message: string): Error => new Error(`unreachable: ${message}`);

describe('askRemote', () => {
  it('returns what the other service answered', async () => {
    await expect(askRemote(of({ evidenceId: 'e-1' }), 1_000, unreachable)).resolves.toEqual({ ok: true, value: { evidenceId: 'e-1' } });
  });

  it('keeps a refusal as a value, with its reason', async () => {
    const refusal = throwError(() => Object.assign(new Error('9 FAILED_PRECONDITION: no grant'), { code: status.FAILED_PRECONDITION }));
    const answer = await askRemote(refusal, 1_000, unreachable);
    expect(answer.ok).toBe(false);
    expect(answer.ok === false && answer.rejection.code).toBe('FAILED_PRECONDITION');
  });

  it("throws the caller's own error when the other service could not be reached", async () => {
    const down = throwError(() => Object.assign(new Error('14 UNAVAILABLE: connection refused'), { code: status.UNAVAILABLE }));
    await expect(askRemote(down, 1_000, unreachable)).rejects.toThrow('unreachable: 14 UNAVAILABLE: connection refused');
  });

  it('counts a call that outlives its deadline as unreachable, not as an answer', async () => {
    await expect(askRemote(NEVER, 20, unreachable)).rejects.toThrow(/^unreachable: /);
  });
});
