import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  ConfigError,
  DEV_PARTY_DIRECTORY_FILE,
  kafkaToolConfigSchema,
  kafkaToolSecurity,
  loadConfig,
  serviceConfigSchema,
} from '@welkom/config';
import { ENVELOPE_SIGNATURE_HEADER, parseDetachedJws, TOPICS } from '@welkom/events';
import { createKafkaClient, portableRecord, readTopicToEnd, SigningCertificateDirectory } from '@welkom/messaging';
import { createDataSource } from '@welkom/persistence';
import { readPartyFile } from '@welkom/reference-data';
import type { AuditRecord } from '../../src/audit/audit-chain';
import { AuditTrailRepository } from '../../src/audit/audit-trail.repository';
import { AUDIT_BUNDLE_FORMAT, type AuditBundle, bundleEntry } from './audit-bundle';

export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const AUDIT_EXPORT_USAGE = `Usage: npm run audit:export -- --out <bundle.json> [--chain-id <id>] [--parties <file>]

Writes the hub's audit trail as a bundle that \`npm run audit:verify\` checks without the database or Kafka:
every entry and the chain head as the hub's database holds them, the signed checkpoints as they are on
${TOPICS.auditCheckpoint.name}, the parties' counter-signatures as they are on
${TOPICS.auditCountersignature.name}, and the certificates that signed them all.

  --out <file>       where to write the bundle (JSON)
  --chain-id <id>    the hub's AUDIT_CHAIN_ID (default $AUDIT_CHAIN_ID, else the hash of the first entry)
  --parties <file>   party reference data naming the hub operator (default deploy/parties/dev-parties.json)

Environment: DATABASE_URL (the hub's database), KAFKA_BROKERS (host:port[,host:port]); on a secured cluster
KAFKA_SECURITY=tls with KAFKA_TLS_CA_FILE, KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE, or KAFKA_SECURITY=sasl_ssl
with KAFKA_TLS_CA_FILE and KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD(_FILE).
`;

const PAGE = 5_000;
const environmentSchema = kafkaToolConfigSchema.extend({ DATABASE_URL: serviceConfigSchema.shape.DATABASE_URL });

export async function runAuditExportCommand(argv: readonly string[], env: NodeJS.ProcessEnv, output: CommandOutput): Promise<number> {
  let values: { out?: string; parties?: string; 'chain-id'?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: { out: { type: 'string' }, parties: { type: 'string' }, 'chain-id': { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    output.stderr(`${(error as Error).message}\n\n${AUDIT_EXPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    output.stdout(AUDIT_EXPORT_USAGE);
    return 0;
  }
  if (!values.out) {
    output.stderr(`--out is required\n\n${AUDIT_EXPORT_USAGE}`);
    return 2;
  }
  let config: z.infer<typeof environmentSchema>;
  let security: ReturnType<typeof kafkaToolSecurity>;
  try {
    config = loadConfig(environmentSchema, env);
    security = kafkaToolSecurity(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const hub = readPartyFile(values.parties ?? DEV_PARTY_DIRECTORY_FILE).parties.find((party) => party.roles.includes('HUB_OPERATOR'));
  if (!hub) {
    output.stderr('The party file names no HUB_OPERATOR party\n');
    return 2;
  }

  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'audit-export', entities: [], migrations: [] });
  await dataSource.initialize();
  const kafka = createKafkaClient({ clientId: 'welkom-audit-export', brokers: config.KAFKA_BROKERS, ...security });
  try {
    const trail = new AuditTrailRepository(dataSource);
    const head = await trail.head();
    // Everything stored, also beyond the head: a verifier should see what the database really holds.
    const upTo = BigInt(head.highestStoredSequence) > BigInt(head.sequence) ? head.highestStoredSequence : head.sequence;
    const entries: AuditRecord[] = [];
    for (let after = '0'; ;) {
      const page = await trail.page(after, upTo, PAGE);
      entries.push(...page);
      if (page.length < PAGE) break;
      after = page[page.length - 1].sequence;
    }
    const checkpoints = (await readTopicToEnd(kafka, [TOPICS.auditCheckpoint.name])).map(portableRecord);
    // Read from their topic, not from the hub's table: whoever controls the database cannot leave them out.
    const countersignatures = (await readTopicToEnd(kafka, [TOPICS.auditCountersignature.name])).map(portableRecord);
    const bundle: AuditBundle = {
      format: AUDIT_BUNDLE_FORMAT,
      exportedAt: new Date().toISOString(),
      hubOin: hub.oin,
      chainId: values['chain-id'] || env.AUDIT_CHAIN_ID || (entries[0]?.entryHash ?? 'empty-chain'),
      head: { sequence: head.sequence, hash: head.hash },
      entries: entries.map(bundleEntry),
      checkpoints,
      countersignatures,
      certificates: await signingCertificates(new SigningCertificateDirectory(kafka), [...checkpoints, ...countersignatures]),
    };
    writeFileSync(values.out, `${JSON.stringify(bundle, null, 1)}\n`);
    output.stdout(
      `Wrote ${entries.length} audit entries (head ${head.sequence}), ${checkpoints.length} signed checkpoint(s) and ` +
        `${countersignatures.length} counter-signature(s) to ${values.out}\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** The chains behind the thumbprints the checkpoint signatures name; a chain carried in `x5c` needs nothing. */
async function signingCertificates(
  directory: SigningCertificateDirectory,
  records: readonly { headers: Record<string, string> }[],
): Promise<Record<string, string[]>> {
  const certificates: Record<string, string[]> = {};
  for (const record of records) {
    const signature = record.headers[ENVELOPE_SIGNATURE_HEADER];
    if (signature === undefined) continue;
    try {
      const { header } = parseDetachedJws(Buffer.from(signature, 'base64').toString('utf8'));
      if ('x5t#S256' in header) {
        const chain = await directory.resolve(header['x5t#S256']);
        if (chain) certificates[header['x5t#S256']] = [...chain];
      }
    } catch {
      // An unreadable signature stays in the bundle as it is; the verifier reports it.
    }
  }
  return certificates;
}
