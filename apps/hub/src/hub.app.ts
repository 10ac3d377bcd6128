import {
  AUDIT_CONTRACT,
  EVIDENCE_EXCHANGE_CONTRACT,
  GRANT_CONTRACT,
  OPERATOR_CONTRACT,
  PARTY_REGISTRY_CONTRACT,
  SUBJECT_LINK_CONTRACT,
} from '@welkom/contracts';
import { startService, type RunningService } from '@welkom/runtime';
import type { HubConfig } from './hub.config';
import { HUB_SERVICE_NAME, HubModule } from './hub.module';

export function startHub(config: HubConfig): Promise<RunningService> {
  return startService({
    serviceName: HUB_SERVICE_NAME,
    module: HubModule.forRoot(config),
    config,
    contracts: [
      PARTY_REGISTRY_CONTRACT,
      GRANT_CONTRACT,
      EVIDENCE_EXCHANGE_CONTRACT,
      AUDIT_CONTRACT,
      SUBJECT_LINK_CONTRACT,
      OPERATOR_CONTRACT,
    ],
  });
}
