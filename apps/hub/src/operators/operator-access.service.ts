import { Inject, Injectable } from '@nestjs/common';
import type { CallingOperator } from '@welkom/grpc';
import { ClockRepository } from '@welkom/platform';
import { type OperatorRegister, type OperatorRegisterEntry, operatorStandingOn } from '@welkom/reference-data';
import { operatorAccess } from './operator-access.policy';
import { OperatorRevocationRepository } from './operator-revocation.repository';

/** The operator register the hub loaded at start (OPERATOR_REGISTER_FILE). */
export const OPERATOR_REGISTER = Symbol('OPERATOR_REGISTER');

/** Checks, for every call an operator makes, that the register and the hub's revocations let them act today. */
@Injectable()
export class OperatorAccessService {
  constructor(
    @Inject(OPERATOR_REGISTER) private readonly register: OperatorRegister,
    private readonly revocations: OperatorRevocationRepository,
    private readonly clock: ClockRepository,
  ) {}

  /** The operator's register entry, or a HubError (PERMISSION_DENIED) saying why they may not act. */
  async requireActive(operator: CallingOperator): Promise<OperatorRegisterEntry> {
    const day = this.clock.today();
    const access = operatorAccess(
      operator.operatorId,
      day,
      operatorStandingOn(this.register, operator.operatorId, day),
      await this.revocations.find(operator.operatorId),
    );
    if ('refusal' in access) throw access.refusal;
    return access.entry;
  }

  /** Whoever the register lists under this identifier (any period), to revoke them; undefined when no one. */
  listed(operatorId: string): OperatorRegisterEntry | undefined {
    return this.register.operators.find((entry) => entry.id === operatorId);
  }
}
