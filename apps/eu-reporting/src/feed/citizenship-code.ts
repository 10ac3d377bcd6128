/**
 * Citizenship as ISO 3166-1 alpha-2. Stored per application as one small integer (26 × 26 possible codes)
 * instead of a string, which keeps the per-application state at a few bytes.
 */
export const CITIZENSHIP_CODE_SPACE = 26 * 26;

/** The code of a well-formed alpha-2 value (two capital letters A–Z), or -1. Says nothing about assignment. */
export function citizenshipCodeOf(alpha2: string): number {
  if (alpha2.length !== 2) return -1;
  const first = alpha2.charCodeAt(0) - 65;
  const second = alpha2.charCodeAt(1) - 65;
  if (first < 0 || first > 25 || second < 0 || second > 25) return -1;
  return first * 26 + second;
}

export function citizenshipOfCode(code: number): string {
  return String.fromCharCode(65 + Math.floor(code / 26), 65 + (code % 26));
}

/** Which of the 676 well-formed codes are assigned, built once from reference data. */
export class CitizenshipCodeList {
  private readonly assigned = new Uint8Array(CITIZENSHIP_CODE_SPACE);

  constructor(codes: Iterable<string>) {
    for (const alpha2 of codes) {
      const code = citizenshipCodeOf(alpha2);
      if (code < 0) throw new Error(`citizenship code list: "${alpha2}" is not two capital letters`);
      this.assigned[code] = 1;
    }
  }

  isAssigned(code: number): boolean {
    return code >= 0 && this.assigned[code] === 1;
  }
}
