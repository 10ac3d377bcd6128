import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { waitUntilKafkaReady, type KafkaTlsFiles } from '@welkom/messaging';
import { findFreePorts, isPortFree } from './free-ports';
import { createThrowawayDataDir } from './kafka-data-dir';
import { ensureKafkaJars, javaExecutable, requireJava, type KafkaJars } from './kafka-jars';
import {
  hasExited,
  runJavaToCompletion,
  spawnJava,
  startOrphanWatchdog,
  stopStaleBroker,
  tailFile,
  terminateChild,
  waitForExit,
  type JavaProcessOptions,
} from './kafka-process';
import {
  kafkaBrokerLayout,
  renderLog4jProperties,
  renderServerProperties,
  type KafkaBrokerLayout,
  type KafkaBrokerPorts,
  type KafkaBrokerSecurity,
  type KafkaClusterMembership,
  scramFormatArguments,
} from './kafka-server-config';

export interface StartKafkaBrokerOptions {
  /**
   * Kept across stop/restart and never deleted when given. Without it a fresh directory under the OS temp dir
   * is used, removed at process exit or, failing that, by a later start once this process is gone.
   */
  dataDir?: string;
  log?: (line: string) => void;
  /** How long to wait for the broker to answer; the first start on a cold JVM takes a few seconds. */
  readyTimeoutMs?: number;
  /** Mutual TLS and ACLs on every listener; without it the broker is PLAINTEXT and allows everything. */
  tls?: KafkaBrokerTls;
}

export interface KafkaBrokerTls extends KafkaBrokerSecurity {
  /** The broker's own certificate and key (serverAuth for its listeners, clientAuth towards the other nodes). */
  readonly certificateFile: string;
  readonly privateKeyFile: string;
  /** A super user's client identity: the start-up readiness check asks with it, and the handle hands it out. */
  readonly admin: KafkaTlsFiles;
}

export interface KafkaBrokerHandle {
  /** `host:port` of the client listener (SSL or PLAINTEXT); the same after every restart. */
  readonly brokers: string[];
  /** `host:port` of the SASL_SSL listener, on a broker started with `tls.sasl`; empty otherwise. */
  readonly saslBrokers: string[];
  /** The super user's client identity on a secured broker; undefined on a PLAINTEXT one. */
  readonly tls?: KafkaTlsFiles;
  /** The Kafka version the broker reported at start-up, e.g. `3.9.2`. */
  readonly version: string;
  readonly dataDir: string;
  /** The current JVM's pid (changes on restart). */
  readonly pid: number;
  /** SIGTERM, then SIGKILL after a grace period. Idempotent; data is kept, so `restart()` may follow. */
  stop(): Promise<void>;
  /** Stops (if running) and starts the same broker on the same ports and data, as a broker outage would. */
  restart(): Promise<void>;
  /** SIGKILL: a crash without a clean shutdown. `restart()` brings it back and Kafka recovers its logs. */
  kill(): Promise<void>;
}

export interface ResolvedKafka {
  brokers: string[];
  /** `external` when KAFKA_BROKERS points at an existing cluster. */
  version: string;
  /** The tooling's identity on a broker this call started secured; undefined for PLAINTEXT and external ones. */
  tls?: KafkaTlsFiles;
  /** The broker this call started, to stop afterwards; null when an external cluster is used. */
  started: KafkaBrokerHandle | null;
}

export interface ResolveKafkaOptions extends StartKafkaBrokerOptions {
  /** Defaults to process.env; only KAFKA_BROKERS is read. */
  env?: Record<string, string | undefined>;
}

const stopGraceMs = 30_000;
const defaultReadyTimeoutMs = 120_000;
const logTailLines = 40;
const noop = (): void => undefined;

/** Uses the cluster in KAFKA_BROKERS when set (CI service, a dev's own broker); otherwise starts a local one. */
export async function resolveKafka(options: ResolveKafkaOptions = {}): Promise<ResolvedKafka> {
  const { env = process.env, ...startOptions } = options;
  const external = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (external.length > 0) return { brokers: external, version: 'external', started: null };
  const started = await startKafkaBroker(startOptions);
  return { brokers: started.brokers, version: started.version, tls: started.tls, started };
}

/** Starts a single-node KRaft Kafka (broker and controller in one JVM) from jars resolved via Maven. */
export async function startKafkaBroker(options: StartKafkaBrokerOptions = {}): Promise<KafkaBrokerHandle> {
  const log = options.log ?? noop;
  await requireJava();
  const jars = await ensureKafkaJars({ log });
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ? resolve(options.dataDir) : await createThrowawayDataDir();
  const layout = kafkaBrokerLayout(dataDir);
  await mkdir(layout.logsDir, { recursive: true });
  await stopStaleBroker(layout.pidFile, layout.serverProperties, stopGraceMs, log);
  const ports = await choosePorts(layout, new Set(), options.tls?.sasl !== undefined);
  const broker = new LocalKafkaBroker(jars, layout, ports, ownsDataDir, log, options.readyTimeoutMs, undefined, undefined, options.tls);
  await broker.start();
  return broker;
}

/** Stops a broker another process started in `dataDir` (e.g. `npm run kafka -- start`); true if one was running. */
export function stopKafkaBrokerByPidFile(dataDir: string, log: (line: string) => void = noop): Promise<boolean> {
  const layout = kafkaBrokerLayout(resolve(dataDir));
  return stopStaleBroker(layout.pidFile, layout.serverProperties, stopGraceMs, log);
}

export interface StartKafkaClusterOptions extends StartKafkaBrokerOptions {
  /** Nodes, each broker and controller; 3 gives the replication the project expects of a production cluster. */
  size: number;
}

export interface KafkaClusterHandle {
  /** Every node's `host:port`, for KAFKA_BROKERS. */
  readonly brokers: string[];
  readonly version: string;
  readonly dataDir: string;
  readonly tls?: KafkaTlsFiles;
  /** One handle per node (node id = index + 1), to stop, kill or restart one broker while the others run. */
  readonly nodes: readonly KafkaBrokerHandle[];
  /** Stops every node. */
  stop(): Promise<void>;
}

/**
 * Several KRaft nodes on one machine (`dataDir/node-<id>` each), sharing one cluster id and a static voter set.
 * The nodes start together: none is ready before a majority of controllers has formed the quorum.
 */
export async function startKafkaCluster(options: StartKafkaClusterOptions): Promise<KafkaClusterHandle> {
  if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`A cluster needs at least one node, not ${options.size}`);
  if (options.size === 1) {
    const single = await startKafkaBroker(options);
    return {
      brokers: single.brokers,
      version: single.version,
      dataDir: single.dataDir,
      tls: single.tls,
      nodes: [single],
      stop: () => single.stop(),
    };
  }
  const log = options.log ?? noop;
  await requireJava();
  const jars = await ensureKafkaJars({ log });
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ? resolve(options.dataDir) : await createThrowawayDataDir();
  const layouts = Array.from({ length: options.size }, (_, index) => kafkaBrokerLayout(join(dataDir, `node-${index + 1}`)));
  const taken = new Set<number>();
  const ports: KafkaBrokerPorts[] = [];
  for (const layout of layouts) {
    await mkdir(layout.logsDir, { recursive: true });
    await stopStaleBroker(layout.pidFile, layout.serverProperties, stopGraceMs, log);
    ports.push(await choosePorts(layout, taken, options.tls?.sasl !== undefined));
  }
  const clusterId = (await readFile(join(dataDir, 'cluster.id'), 'utf8').catch(() => '')).trim() || newClusterId();
  await writeFile(join(dataDir, 'cluster.id'), `${clusterId}\n`);
  const controllerPorts = ports.map((each) => each.controller);
  const nodes = layouts.map(
    (layout, index) =>
      new LocalKafkaBroker(
        jars,
        layout,
        ports[index],
        ownsDataDir,
        log,
        options.readyTimeoutMs,
        { nodeId: index + 1, controllerPorts },
        clusterId,
        options.tls,
      ),
  );
  await Promise.all(nodes.map((node) => node.start()));
  return {
    brokers: nodes.flatMap((node) => node.brokers),
    version: nodes[0].version,
    dataDir,
    tls: options.tls?.admin,
    nodes,
    stop: async () => {
      await Promise.all(nodes.map((node) => node.stop()));
    },
  };
}

class LocalKafkaBroker implements KafkaBrokerHandle {
  readonly brokers: string[];
  readonly saslBrokers: string[];
  version: string;
  private child: ChildProcess | null = null;
  private lastPid = 0;
  /** Lifecycle calls run one after another, so a stop during a restart cannot interleave with it. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(
    private readonly jars: KafkaJars,
    private readonly layout: KafkaBrokerLayout,
    private readonly ports: KafkaBrokerPorts,
    readonly ownsDataDir: boolean,
    private readonly log: (line: string) => void,
    private readonly readyTimeoutMs = defaultReadyTimeoutMs,
    private readonly membership?: KafkaClusterMembership,
    /** Shared by every node of a cluster; a single broker draws its own. */
    private readonly clusterId?: string,
    private readonly security?: KafkaBrokerTls,
  ) {
    this.brokers = [`127.0.0.1:${ports.broker}`];
    this.saslBrokers = ports.sasl === undefined ? [] : [`127.0.0.1:${ports.sasl}`];
    this.version = jars.version;
  }

  get dataDir(): string {
    return this.layout.dataDir;
  }

  get tls(): KafkaTlsFiles | undefined {
    return this.security?.admin;
  }

  get pid(): number {
    return this.lastPid;
  }

  get isRunning(): boolean {
    return this.child !== null && !hasExited(this.child);
  }

  start(): Promise<void> {
    return this.serialized(() => this.launch());
  }

  stop(): Promise<void> {
    return this.serialized(() => this.halt('SIGTERM'));
  }

  kill(): Promise<void> {
    return this.serialized(() => this.halt('SIGKILL'));
  }

  restart(): Promise<void> {
    return this.serialized(async () => {
      await this.halt('SIGTERM');
      await this.launch();
    });
  }

  /** Called from the process exit hook, where only synchronous work runs. */
  signalOnExit(): void {
    if (this.isRunning) this.child?.kill('SIGTERM');
    else if (this.ownsDataDir) rmSync(this.layout.dataDir, { recursive: true, force: true });
  }

  private serialized(operation: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(operation);
    this.lifecycle = next.catch(noop);
    return next;
  }

  private async launch(): Promise<void> {
    if (this.isRunning) return;
    const started = Date.now();
    await writeFile(this.layout.serverProperties, renderServerProperties(this.layout, this.ports, this.membership, this.security));
    await this.writeKeystore();
    await writeFile(this.layout.log4jProperties, renderLog4jProperties(this.layout));
    await writeFile(this.layout.portsFile, `${JSON.stringify(this.ports)}\n`);
    await this.formatStorageOnce();

    const child = spawnJava(this.javaProcess('kafka.Kafka', [this.layout.serverProperties], brokerHeap));
    await new Promise<void>((done, fail) => {
      child.once('spawn', done);
      child.once('error', fail);
    });
    // Unreferenced: a script that forgets stop() still exits, and the exit hook then ends the broker.
    child.unref();
    this.child = child;
    this.lastPid = child.pid ?? 0;
    trackForExit(this);
    await writeFile(this.layout.pidFile, `${this.lastPid}\n`);
    startOrphanWatchdog(this.lastPid, stopGraceMs);

    try {
      await waitUntilKafkaReady(
        this.brokers,
        this.readyTimeoutMs,
        () => (hasExited(child) ? `Kafka broker exited during start-up (code ${child.exitCode}, signal ${child.signalCode})` : undefined),
        this.security?.admin,
      );
    } catch (error: unknown) {
      await terminateChild(child, stopGraceMs);
      throw new Error(`${(error as Error).message}\n${await this.describeLogs()}`, { cause: error });
    }
    this.version = (await this.reportedVersion()) ?? this.jars.version;
    this.log(`Kafka ${this.version} ready on ${this.brokers.join(',')} (pid ${this.lastPid}) in ${Date.now() - started} ms`);
  }

  private async halt(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child && !hasExited(child)) {
      if (signal === 'SIGKILL') {
        child.kill('SIGKILL');
        await waitForExit(child, stopGraceMs);
      } else {
        await terminateChild(child, stopGraceMs);
      }
      this.log(`Kafka broker (pid ${this.lastPid}) stopped with ${signal}`);
    }
    await rm(this.layout.pidFile, { force: true });
  }

  /** Kafka's PEM keystore wants key and certificate in one file; rewritten each start, so a renewed pair is used. */
  private async writeKeystore(): Promise<void> {
    if (!this.security) {
      await rm(this.layout.keystoreFile, { force: true });
      return;
    }
    const [key, certificate] = await Promise.all([
      readFile(this.security.privateKeyFile, 'utf8'),
      readFile(this.security.certificateFile, 'utf8'),
    ]);
    await writeFile(this.layout.keystoreFile, `${key.trimEnd()}\n${certificate.trimEnd()}\n`, { mode: 0o600 });
  }

  /** KRaft refuses to start on unformatted storage; formatting costs a JVM start, so only the first time. */
  private async formatStorageOnce(): Promise<void> {
    const formatted = await access(join(this.layout.logDirs, 'meta.properties')).then(
      () => true,
      () => false,
    );
    if (formatted) return;
    const clusterId = this.clusterId ?? newClusterId();
    // SCRAM users can only be created at format time this way (kafkajs has no AlterUserScramCredentials).
    const args = [
      'format',
      '-t',
      clusterId,
      '-c',
      this.layout.serverProperties,
      '--ignore-formatted',
      ...scramFormatArguments(this.security?.sasl),
    ];
    const code = await runJavaToCompletion(this.javaProcess('kafka.tools.StorageTool', args, toolHeap));
    if (code !== 0) {
      throw new Error(`Formatting Kafka storage in ${this.layout.logDirs} failed (exit ${code})\n${await this.describeLogs()}`);
    }
  }

  private javaProcess(mainClass: string, args: string[], heap: string[]): JavaProcessOptions {
    return {
      java: javaExecutable(),
      jvmOptions: [
        ...heap,
        // The JVM flags Kafka's own kafka-run-class.sh uses for a broker.
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:InitiatingHeapOccupancyPercent=35',
        '-XX:+ExplicitGCInvokesConcurrent',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${this.layout.log4jProperties}`,
        `-Dkafka.logs.dir=${this.layout.logsDir}`,
        '-cp',
        this.jars.classpath,
      ],
      mainClass,
      args,
      outputFile: this.layout.consoleLog,
    };
  }

  /** AppInfoParser logs `Kafka version: x.y.z` at start; the last one is this start's. */
  private async reportedVersion(): Promise<string | undefined> {
    const serverLog = await readFile(join(this.layout.logsDir, 'server.log'), 'utf8').catch(() => '');
    const versions = [...serverLog.matchAll(/Kafka version: (\S+)/g)];
    return versions.at(-1)?.[1];
  }

  private async describeLogs(): Promise<string> {
    const serverLog = join(this.layout.logsDir, 'server.log');
    return [
      `--- last lines of ${serverLog} ---`,
      await tailFile(serverLog, logTailLines),
      `--- last lines of ${this.layout.consoleLog} ---`,
      await tailFile(this.layout.consoleLog, logTailLines),
    ].join('\n');
  }
}

const brokerHeap = ['-Xms256m', '-Xmx512m'];
const toolHeap = ['-Xmx256m'];

/** The previous run's ports when all are still free, so a developer's KAFKA_BROKERS keeps working. */
async function choosePorts(layout: KafkaBrokerLayout, taken: Set<number> = new Set(), withSasl = false): Promise<KafkaBrokerPorts> {
  const previous = await readFile(layout.portsFile, 'utf8')
    .then((text) => JSON.parse(text) as Partial<KafkaBrokerPorts>)
    .catch(() => null);
  const wanted = (ports: Partial<KafkaBrokerPorts> | null): number[] | undefined => {
    const list = [ports?.broker, ports?.controller, ...(withSasl ? [ports?.sasl] : [])];
    return list.every((port): port is number => typeof port === 'number') ? list : undefined;
  };
  const usable = async (list: number[]): Promise<boolean> => {
    if (new Set(list).size !== list.length || list.some((port) => taken.has(port))) return false;
    for (const port of list) if (!(await isPortFree(port))) return false;
    return true;
  };
  let chosen = wanted(previous);
  if (chosen && !(await usable(chosen))) chosen = undefined;
  while (!chosen || chosen.some((port) => taken.has(port))) chosen = await findFreePorts(withSasl ? 3 : 2);
  // Nodes of one cluster choose before any of them listens: a port one took is not free for the next.
  chosen.forEach((port) => taken.add(port));
  const [broker, controller, sasl] = chosen;
  return withSasl ? { broker, controller, sasl } : { broker, controller };
}

const trackedBrokers = new Set<LocalKafkaBroker>();

/** A broker must not outlive the process that started it: on any normal exit, tell it to shut down. */
function trackForExit(broker: LocalKafkaBroker): void {
  if (trackedBrokers.size === 0) process.once('exit', () => trackedBrokers.forEach((each) => each.signalOnExit()));
  trackedBrokers.add(broker);
}

/**
 * A KRaft cluster id: 16 random bytes, base64url. One that starts with '-' is drawn again, as Kafka's own
 * `Uuid.randomUuid()` does, because kafka-storage's argument parser would read it as an option (1 run in 64).
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
