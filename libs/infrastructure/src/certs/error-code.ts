/**
 * Whether a thrown value is a system error with this code (ENOENT, EEXIST, ...). Structural on purpose:
 * errors from Node's fs fail `instanceof Error` inside jest's sandbox, which has its own Error class.
 */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
