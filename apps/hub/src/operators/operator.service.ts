import { Injectable } from '@nestjs/common';
import type { CallingOperator } from '@welkom/grpc';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { HubError } from '../hub.errors';
import { PartyRegistryService } from '../party-registry/party-registry.service';
import { OperatorAccessService } from './operator-access.service';
import type { OperatorRevocationRecord } from './operator-revocation';
import { OperatorRevocationRepository } from './operator-revocation.repository';
import type { RevokeOperatorCommand } from './operator.command';

/** Serialises revocations of one operator (pg_advisory_xact_lock's first key; the second is the id's hash). */
const REVOCATION_LOCK_CLASS = 0x0e7a_0012;

export interface OperatorRevocationResult {
  revocation: OperatorRevocationRecord;
  operatorName: string;
  revokedByName: string;
  alreadyRevoked: boolean;
}

/** Revokes operators: by another operator in person, audited with both, effective at the revoked one's next call. */
@Injectable()
export class OperatorService {
  constructor(
    private readonly access: OperatorAccessService,
    private readonly revocations: OperatorRevocationRepository,
    private readonly registry: PartyRegistryService,
    private readonly audit: AuditTrailRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
  ) {}

  async revoke(operator: CallingOperator, command: RevokeOperatorCommand): Promise<OperatorRevocationResult> {
    await this.registry.hubOperator(operator.oin);
    // The guard has let the caller in, so the register lists them; read again for the name the audit records.
    const revoker = await this.access.requireActive(operator);
    if (command.operatorId === operator.operatorId) {
      // Revoking oneself is harmless in effect, but a revocation is a second person's judgement, like an approval.
      throw new HubError('SELF_REVOCATION', `Operator ${operator.operatorId} cannot revoke themselves; another operator must`);
    }
    const target = this.access.listed(command.operatorId);
    if (!target) throw new HubError('OPERATOR_NOT_FOUND', `Operator ${command.operatorId} is not in the hub's operator register`);
    const names = { operatorName: target.name, revokedByName: revoker.name };
    return this.transactions.run(async (tx) => {
      // Two operators revoking one person at once: the second waits, then finds the first's revocation.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REVOCATION_LOCK_CLASS, target.id]);
      const existing = await this.revocations.find(target.id, tx);
      if (existing) {
        const firstRevoker = this.access.listed(existing.revokedBy)?.name ?? existing.revokedBy;
        return { revocation: existing, operatorName: target.name, revokedByName: firstRevoker, alreadyRevoked: true };
      }
      const revokedAt = this.clock.now();
      const [entry] = await this.audit.append(tx, [
        auditDraft({
          occurredAt: revokedAt,
          actorOin: operator.oin,
          actorOperator: operator.operatorId,
          action: 'OPERATOR_REVOKED',
          reason: `${target.id} (${target.name}) revoked by ${revoker.id} (${revoker.name}): ${command.reason}`,
        }),
      ]);
      const revocation: OperatorRevocationRecord = {
        operatorId: target.id,
        revokedAt,
        revokedBy: operator.operatorId,
        reason: command.reason,
        auditSequence: entry.sequence,
      };
      await this.revocations.insert(tx, revocation);
      return { revocation, ...names, alreadyRevoked: false };
    });
  }
}
