import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { REPO_ROOT } from '../repo-root';
import { isProcessAlive } from './kafka-process';

/** Jars of one Kafka version, copied out of the local Maven repository into the repo's git-ignored cache. */
export interface KafkaJars {
  version: string;
  libsDir: string;
  /** For `java -cp`: java expands the trailing `*` itself, so no shell is involved. */
  classpath: string;
}

export interface EnsureKafkaJarsOptions {
  /** Defaults to `<repo>/.cache/kafka`. */
  cacheRoot?: string;
  log?: (line: string) => void;
}

/** A tool the local broker needs is missing; the message says what to install and is meant to be shown as is. */
export class KafkaPrerequisiteError extends Error {
  override readonly name = 'KafkaPrerequisiteError';
}

const repoRoot = REPO_ROOT;
/** The broker's jars are a Maven dependency; the pom is deployment data, so it stays in deploy/kafka. */
const pomPath = join(REPO_ROOT, 'deploy', 'kafka', 'pom.xml');
const escapeHatch = 'or set KAFKA_BROKERS to use an existing cluster';
const minimumJavaMajor = 17;
const lockPollMs = 500;
const lockTimeoutMs = 10 * 60_000;

/** The pom is the single source of truth for the version, so bumping it there re-keys the cache. */
export function kafkaVersionFromPom(pomXml: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match) throw new Error(`${pomPath} declares no <kafka.version> property`);
  return match[1];
}

/**
 * Resolves the broker's runtime jars once per pom content. A stamp written only after a complete copy makes a
 * second call a couple of file reads; a lock directory keeps parallel jest workers from downloading twice.
 */
export async function ensureKafkaJars(options: EnsureKafkaJarsOptions = {}): Promise<KafkaJars> {
  const log = options.log ?? (() => undefined);
  const pomXml = await readFile(pomPath, 'utf8');
  const version = kafkaVersionFromPom(pomXml);
  const versionDir = join(options.cacheRoot ?? join(repoRoot, '.cache', 'kafka'), version);
  const jars: KafkaJars = { version, libsDir: join(versionDir, 'libs'), classpath: join(versionDir, 'libs', '*') };
  const stamp = createHash('sha256').update(pomXml).digest('hex');
  const stampPath = join(versionDir, 'libs.stamp');

  // The jar check catches a cache whose libs were deleted by hand while the stamp stayed.
  const isReady = async (): Promise<boolean> =>
    (await isStamped(stampPath, stamp)) && (await exists(join(jars.libsDir, kafkaJarName(version))));

  if (await isReady()) return jars;
  await mkdir(versionDir, { recursive: true });
  const release = await acquireLock(join(versionDir, 'fetch.lock'), isReady);
  if (!release) return jars;
  try {
    if (await isReady()) return jars;
    await requireJava();
    const started = Date.now();
    log(`Fetching Apache Kafka ${version} jars from Maven Central into ${jars.libsDir}`);
    // Copy into a scratch directory and rename it into place, so a half-finished copy is never used.
    const scratch = join(versionDir, `libs.partial-${process.pid}`);
    await rm(scratch, { recursive: true, force: true });
    try {
      await runMaven(['dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${scratch}`]);
      await assertHasKafkaJar(scratch, version);
      await rm(jars.libsDir, { recursive: true, force: true });
      await rename(scratch, jars.libsDir);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    await writeFile(stampPath, `${stamp}\n`);
    log(`Fetched Apache Kafka ${version} jars in ${Date.now() - started} ms`);
    return jars;
  } finally {
    await release();
  }
}

/** Fails with an install hint unless a Java runtime new enough for the broker is on PATH (or JAVA_HOME). */
export async function requireJava(): Promise<void> {
  const hint = `Java ${minimumJavaMajor}+ is required to run the local Kafka broker: apt-get install openjdk-${minimumJavaMajor}-jre-headless, ${escapeHatch}`;
  const result = await run(javaExecutable(), ['-version']).catch((error: unknown) => {
    if (isNotFound(error)) throw new KafkaPrerequisiteError(hint);
    throw error;
  });
  // `java -version` prints to stderr: `openjdk version "17.0.15"` or, before Java 9, `"1.8.0_402"`.
  const match = /version "(?:1\.)?(\d+)/.exec(result.output);
  const major = match ? Number(match[1]) : 0;
  if (result.code !== 0 || major < minimumJavaMajor) {
    throw new KafkaPrerequisiteError(`${hint} (found: ${firstLine(result.output) || 'no version'})`);
  }
}

/** Honours JAVA_HOME like the Kafka scripts and Maven do, so the broker runs on the same JVM Maven used. */
export function javaExecutable(): string {
  const javaHome = process.env.JAVA_HOME;
  return javaHome ? join(javaHome, 'bin', 'java') : 'java';
}

async function runMaven(goalAndFlags: string[]): Promise<void> {
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', pomPath, ...goalAndFlags];
  const result = await run('mvn', args).catch((error: unknown) => {
    if (isNotFound(error)) {
      throw new KafkaPrerequisiteError(
        `Maven 3.6.3+ is required to fetch the local Kafka broker's jars from Maven Central: apt-get install maven, ${escapeHatch}`,
      );
    }
    throw error;
  });
  if (result.code !== 0) {
    const tail = result.output.trim().split('\n').slice(-30).join('\n');
    throw new Error(`mvn ${goalAndFlags[0]} failed with exit code ${result.code}:\n${tail}`);
  }
}

async function assertHasKafkaJar(dir: string, version: string): Promise<void> {
  const files = await readdir(dir);
  if (!files.includes(kafkaJarName(version))) {
    throw new Error(`Maven finished but ${dir} holds no ${kafkaJarName(version)} (found ${files.length} files)`);
  }
}

function kafkaJarName(version: string): string {
  return `kafka_2.13-${version}.jar`;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function isStamped(stampPath: string, expected: string): Promise<boolean> {
  const content = await readFile(stampPath, 'utf8').catch(() => '');
  return content.trim() === expected;
}

/**
 * mkdir is atomic, so it serves as a cross-process lock. Returns null when another process finished the work
 * while we waited; a lock left by a dead process is taken over.
 */
async function acquireLock(lockDir: string, isDone: () => Promise<boolean>): Promise<(() => Promise<void>) | null> {
  const deadline = Date.now() + lockTimeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, 'pid'), String(process.pid));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error: unknown) {
      if (!isAlreadyExists(error)) throw error;
    }
    if (await isDone()) return null;
    const holder = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''));
    if (holder > 0 && !isProcessAlive(holder)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir} (held by pid ${holder || '?'})`);
    await new Promise((done) => setTimeout(done, lockPollMs));
  }
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function isAlreadyExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'EEXIST';
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
