import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEV_PARTY_DIRECTORY_FILE } from '@welkom/config';
import { CertificateTrust, PartyDirectory } from '@welkom/messaging';
import { auditBundleSchema, type BundleVerdict, verifyAuditBundle } from './audit-bundle';
import type { CommandOutput } from './audit-export.cli-program';

export const AUDIT_VERIFY_USAGE = `Usage: npm run audit:verify -- --bundle <bundle.json> --ca <party-ca.crt> [--chain-id <id>] [--parties <file>]

Checks an audit bundle (\`npm run audit:export\`) with no database and no broker: every entry's hash and link,
the chain head, the chain against the latest checkpoint the hub signed, and against every checkpoint the parties
countersigned (which a hub that re-signed its own checkpoints cannot forge). It lists which parties countersigned
which checkpoint. The party CA is the trust anchor you bring; the bundle's own certificates are believed only when
they chain to it.

  --bundle <file>    the bundle
  --ca <file>        PEM of the party CA (as TLS_CA_FILE)
  --chain-id <id>    the hub's AUDIT_CHAIN_ID as you know it (default: the one the bundle names)
  --parties <file>   party reference data (default deploy/parties/dev-parties.json)

Exit code: 0 intact, 1 not intact, 2 the bundle or the arguments cannot be read.
`;

/** Countersigned checkpoints listed, latest first; all of them are checked. */
const LISTED_CHECKPOINTS = 20;

export async function runAuditVerifyCommand(argv: readonly string[], output: CommandOutput): Promise<number> {
  let values: { bundle?: string; ca?: string; parties?: string; 'chain-id'?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        bundle: { type: 'string' },
        ca: { type: 'string' },
        parties: { type: 'string' },
        'chain-id': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    output.stderr(`${(error as Error).message}\n\n${AUDIT_VERIFY_USAGE}`);
    return 2;
  }
  if (values.help) {
    output.stdout(AUDIT_VERIFY_USAGE);
    return 0;
  }
  if (!values.bundle || !values.ca) {
    output.stderr(`--bundle and --ca are required\n\n${AUDIT_VERIFY_USAGE}`);
    return 2;
  }
  let bundle;
  try {
    bundle = auditBundleSchema.parse(JSON.parse(readFileSync(values.bundle, 'utf8')));
  } catch (error) {
    output.stderr(`${values.bundle} is not an audit bundle: ${(error as Error).message}\n`);
    return 2;
  }
  const verdict = await verifyAuditBundle(
    { ...bundle, chainId: values['chain-id'] ?? bundle.chainId },
    CertificateTrust.fromCaFile(values.ca),
    PartyDirectory.fromFile(values.parties ?? DEV_PARTY_DIRECTORY_FILE),
  );
  for (const rejected of verdict.rejectedCheckpoints) output.stderr(`checkpoint not believed, ${rejected}\n`);
  for (const rejected of verdict.rejectedCountersignatures) output.stderr(`counter-signature not believed, ${rejected}\n`);
  const against = verdict.checkpoint
    ? `the signed checkpoint of ${verdict.checkpoint.takenAt.toISOString()} at entry ${verdict.checkpoint.sequence}`
    : 'no signed checkpoint';
  if (verdict.intact) {
    const compared = verdict.checkpoint ? `agreeing with ${against}` : 'with no signed checkpoint to compare it with';
    output.stdout(`intact: ${verdict.verifiedEntries} entries up to head ${verdict.head.sequence}, ${compared}\n`);
    listCountersigned(verdict, output);
    return 0;
  }
  output.stdout(`NOT intact at entry ${verdict.broken?.sequence}: ${verdict.broken?.problem} (checked against ${against})\n`);
  listCountersigned(verdict, output);
  return 1;
}

/** Per countersigned checkpoint, latest first, the parties that vouched for it. */
function listCountersigned(verdict: BundleVerdict, output: CommandOutput): void {
  if (verdict.countersigned.length === 0) {
    output.stdout('no checkpoint countersigned by a party\n');
    return;
  }
  for (const checkpoint of verdict.countersigned.slice(0, LISTED_CHECKPOINTS)) {
    const parties = checkpoint.partyOins.join(', ');
    output.stdout(`checkpoint at entry ${checkpoint.sequence} (${checkpoint.entryHash.slice(0, 12)}…) countersigned by ${parties}\n`);
  }
  if (verdict.countersigned.length > LISTED_CHECKPOINTS) {
    output.stdout(`… and ${verdict.countersigned.length - LISTED_CHECKPOINTS} earlier countersigned checkpoint(s)\n`);
  }
}
