import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { APPLICATION_INTAKE_CONTRACT } from '@welkom/contracts';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { PartyRegistryServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/party_registry';
import type {
  Application,
  ApplicationIntakeServiceClient,
  FileApplicationRequest,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { classifyRemoteError, createClientCredentials, createGrpcClient, loadMtlsMaterial, type RemoteRejection } from '@welkom/grpc';
import { HUB_PARTY_REGISTRY } from '@welkom/runtime';
import { UNIVERSITY_CONFIG, type UniversityConfig } from '../university.config';

/** What the IND's answer tells the university about its case; the pseudonym arrives with the status events. */
export interface IndCase {
  readonly applicationRef: string;
  readonly submittedOn: string;
  readonly subjectPseudonym: string | null;
}

export type FilingAnswer =
  | { kind: 'filed'; application: IndCase; alreadyFiled: boolean }
  | { kind: 'rejected'; rejection: RemoteRejection }
  | { kind: 'unreachable'; problem: string };

interface IndEndpoint {
  oin: string;
  address: string;
  client: ApplicationIntakeServiceClient;
  grpc: ClientGrpc;
}

/**
 * The IND's intake as the university calls it, with the university's own certificate. The IND is found in
 * the hub: its OIN from the party registry (the one party with the IND role) and, unless IND_GRPC_ADDRESS is
 * configured, its address from the connector directory. The connection is refused unless the server's
 * certificate carries that OIN, so a wrong address cannot make us file an application with someone else.
 */
@Injectable()
export class IndIntakeRepository implements OnApplicationShutdown {
  private readonly logger = new Logger(IndIntakeRepository.name);
  private endpoint: IndEndpoint | null = null;

  constructor(
    @Inject(HUB_PARTY_REGISTRY) private readonly registry: PartyRegistryServiceClient,
    @Inject(UNIVERSITY_CONFIG) private readonly config: UniversityConfig,
  ) {}

  onApplicationShutdown(): void {
    this.forget();
  }

  async file(request: FileApplicationRequest): Promise<FilingAnswer> {
    let endpoint: IndEndpoint;
    try {
      endpoint = await this.resolve();
    } catch (error) {
      return { kind: 'unreachable', problem: `IND not found: ${(error as Error).message}` };
    }
    try {
      const response = await firstValueFrom(endpoint.client.fileApplication(request).pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS)));
      // The filing answer is a receipt (issue 11, leak 2): the case id and its dates, never the pseudonym.
      if (!response.receipt) return { kind: 'unreachable', problem: 'The IND answered without a filing receipt' };
      // As the sponsor of record the university may read its own case, pseudonym included: it needs it at once
      // to report changes (duty to notify) and to find the evidence it pushed. Filing again is idempotent, so
      // a failure here is retried like a failed filing.
      const { application } = await firstValueFrom(
        endpoint.client
          .getApplication({ applicationRef: response.receipt.applicationRef })
          .pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS)),
      );
      if (!application) return { kind: 'unreachable', problem: 'The IND answered without the application it just registered' };
      return { kind: 'filed', application: indCaseOf(application), alreadyFiled: response.alreadyFiled };
    } catch (error: unknown) {
      const classified = classifyRemoteError(error);
      if (!classified.transient) return { kind: 'rejected', rejection: classified.rejection };
      // The IND may have moved (a restart on another address): look it up again next time.
      this.forget();
      return { kind: 'unreachable', problem: classified.message };
    }
  }

  /** Withdraws an application at the IND; the answer is the IND's application, its refusal, or "unreachable". */
  async withdraw(applicationRef: string): Promise<FilingAnswer> {
    let endpoint: IndEndpoint;
    try {
      endpoint = await this.resolve();
    } catch (error) {
      return { kind: 'unreachable', problem: `IND not found: ${(error as Error).message}` };
    }
    try {
      const response = await firstValueFrom(
        endpoint.client.withdrawApplication({ applicationRef }).pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS)),
      );
      if (!response.application) return { kind: 'unreachable', problem: 'The IND answered without the application' };
      return { kind: 'filed', application: indCaseOf(response.application), alreadyFiled: true };
    } catch (error: unknown) {
      const classified = classifyRemoteError(error);
      if (!classified.transient) return { kind: 'rejected', rejection: classified.rejection };
      this.forget();
      return { kind: 'unreachable', problem: classified.message };
    }
  }

  private async resolve(): Promise<IndEndpoint> {
    if (this.endpoint) return this.endpoint;
    const { parties } = await firstValueFrom(
      this.registry.listParties({ role: PartyRole.PARTY_ROLE_IND }).pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS)),
    );
    if (parties.length !== 1 || !parties[0].reference?.oin) throw new Error(`the hub knows ${parties.length} parties with the IND role`);
    const oin = parties[0].reference.oin;
    const address = this.config.IND_GRPC_ADDRESS ?? (await this.announcedAddress(oin));
    const credentials = createClientCredentials(
      loadMtlsMaterial({
        caCertificatePath: this.config.TLS_CA_FILE,
        certificatePath: this.config.TLS_CERT_FILE,
        privateKeyPath: this.config.TLS_KEY_FILE,
      }),
      { expectedServerOin: oin },
    );
    const grpc = createGrpcClient(APPLICATION_INTAKE_CONTRACT, address, credentials);
    this.endpoint = { oin, address, grpc, client: grpc.getService<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT.service) };
    this.logger.log(`Filing with the IND (${oin}) at ${address}`);
    return this.endpoint;
  }

  private async announcedAddress(indOin: string): Promise<string> {
    const { connectors } = await firstValueFrom(this.registry.listConnectors({}).pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS)));
    const announced = connectors.find((connector) => connector.service === 'ind' && connector.party?.oin === indOin);
    if (!announced) throw new Error('the IND has not announced a connector to the hub yet');
    return announced.grpcAddress;
  }

  private forget(): void {
    const grpc = this.endpoint?.grpc as unknown as { close?: () => void } | undefined;
    grpc?.close?.();
    this.endpoint = null;
  }
}

function indCaseOf(application: Application): IndCase {
  return {
    applicationRef: application.applicationRef,
    submittedOn: application.submittedOn,
    subjectPseudonym: application.subject?.pseudonym || null,
  };
}
