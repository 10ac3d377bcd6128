import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { decideVerificationCall, type QuotaDecision } from './verification-quota.policy';

const HOUR_MS = 3_600_000;

/**
 * Each party's recent VerifyAuditChain calls, in this hub process (state is a side effect, hence a repository).
 * Per replica and forgotten at a restart: the quota protects the hub's CPU from a party, and each replica has its
 * own CPU; it is not a security boundary (what a party may see is decided by the answer, not by the count).
 */
@Injectable()
export class VerificationQuotaRepository {
  private readonly callsByParty = new Map<string, number[]>();

  constructor(@Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'AUDIT_VERIFY_PARTY_CALLS_PER_HOUR'>) {}

  /** Admits a call of `partyOin` at `now` (and counts it), or says how long until the party may call again. */
  admit(partyOin: string, now: Date): QuotaDecision {
    const decision = decideVerificationCall(this.callsByParty.get(partyOin) ?? [], now.getTime(), {
      calls: this.config.AUDIT_VERIFY_PARTY_CALLS_PER_HOUR,
      windowMs: HOUR_MS,
    });
    this.callsByParty.set(partyOin, decision.calls);
    return decision;
  }
}
