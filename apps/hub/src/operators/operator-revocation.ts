/** An operator revoked at the hub, by another operator in person. */
export interface OperatorRevocationRecord {
  readonly operatorId: string;
  readonly revokedAt: Date;
  readonly revokedBy: string;
  readonly reason: string;
  /** The audit entry that records it. */
  readonly auditSequence: string;
}
