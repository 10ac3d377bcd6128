import type { KafkaTlsFiles } from '@welkom/messaging';

/** How the consuming service applies events: a run at a time (@OnEventBatch), or one by one (@OnEvent). */
export type ApplyMode = 'in-batches' | 'one-by-one';

/** One run of the hub's path: both services' connections and identities, and the producing side's load. */
export interface HubRunSettings {
  runId: string;
  brokers: string[];
  /** The tooling identity on the secured development broker: the bench's topics are its own, granted to no party. */
  tls?: KafkaTlsFiles;
  producerDatabaseUrl: string;
  consumerDatabaseUrl: string;
  partyOin: string;
  certificatePath: string;
  privateKeyPath: string;
  caCertificatePath: string;
  partyDirectoryFile: string;
  mode: ApplyMode;
  /** Facts per business transaction on the producing side. */
  perTransaction: number;
}

/** What the consuming service's process needs (it is started with these, over IPC). */
export type HubConsumerSettings = Omit<HubRunSettings, 'producerDatabaseUrl' | 'perTransaction'>;
