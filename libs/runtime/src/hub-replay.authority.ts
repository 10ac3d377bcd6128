import { firstValueFrom } from 'rxjs';
import { AUDIT_CONTRACT } from '@welkom/contracts';
import type { AuditServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { createClientCredentials, createGrpcClient, loadMtlsMaterial, type MtlsFiles } from '@welkom/grpc';
import type { DeadLetterRecord, ReplayAuthority } from '@welkom/messaging';

export interface HubReplayAuthorityOptions {
  readonly hubAddress: string;
  /** The hub, pinned by OIN: a replay is recorded at the hub or not at all. */
  readonly hubOin: string;
  /** The operator's personal certificate (not a party's: the hub refuses those for this call). */
  readonly operator: MtlsFiles;
}

/**
 * Records each dead-letter replay in the hub's audit trail before it happens (AuditService.RecordDeadLetterReplay),
 * as the operator in person whose certificate makes the call, and returns whom the hub recorded.
 */
export class HubReplayAuthority implements ReplayAuthority {
  private readonly audit: AuditServiceClient;

  constructor(options: HubReplayAuthorityOptions) {
    const credentials = createClientCredentials(loadMtlsMaterial(options.operator), { expectedServerOin: options.hubOin });
    this.audit = createGrpcClient(AUDIT_CONTRACT, options.hubAddress, credentials).getService<AuditServiceClient>(AUDIT_CONTRACT.service);
  }

  async recordReplay(letter: DeadLetterRecord): Promise<string> {
    const recorded = await firstValueFrom(
      this.audit.recordDeadLetterReplay({
        deadLetterId: letter.id,
        sourceTopic: letter.sourceTopic,
        eventId: letter.eventId ?? '',
        errorClass: letter.errorClass,
      }),
    );
    return recorded.operatorId;
  }
}
