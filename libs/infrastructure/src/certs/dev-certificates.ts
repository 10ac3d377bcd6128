import { randomBytes, type X509Certificate } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type CertificateOnDisk,
  commonNameOf,
  isReusableCa,
  isReusablePartyCertificate,
  readCertificate,
  type ExpectedPartyCertificate,
  validForAtLeast,
} from './certificate-checks';
import { withDirectoryLock } from './directory-lock';
import { runOpenssl } from './openssl-runner';
import { isOin, OPERATOR_ID_PATTERN } from '@welkom/validation';
import { OPERATOR_EXTENDED_KEY_USAGE } from '@welkom/grpc';

/** A party as listed in deploy/parties/dev-parties.json; `key` names its files and its DNS name. */
export interface DevParty {
  readonly key: string;
  readonly oin: string;
  readonly name: string;
  /**
   * The party's sub-units (e.g. a consular service's posts): each gets a certificate of its own, `<key>.<code>`,
   * with the party's OIN in `serialNumber` and the sub-unit code in OU, so a service can tell which post calls.
   */
  readonly subUnits?: readonly string[];
  /**
   * Whether the party runs a service that serves gRPC (deploy/services.ts): only then does its certificate
   * carry serverAuth beside clientAuth. Sub-unit certificates are clientAuth only: a post never serves.
   */
  readonly serves?: boolean;
}

export interface PartyCertificateFiles {
  readonly key: string;
  readonly oin: string;
  /** The sub-unit code in the certificate's OU; absent for the party's own certificate. */
  readonly subUnit?: string;
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}

export interface DevCertificates {
  readonly caCertificatePath: string;
  /** By party key, and by `<party key>.<sub-unit code>` for sub-unit certificates. */
  readonly parties: Readonly<Record<string, PartyCertificateFiles>>;
  /** What this call issued (`ca` and/or party keys); empty when everything on disk was still good. */
  readonly generated: readonly string[];
}

export interface DevCertificateOptions {
  /** The clock that decides "expired or near expiry"; tests move it forward. */
  readonly now?: Date;
  /** The openssl binary; tests point it elsewhere to see the missing-openssl message. */
  readonly openssl?: string;
}

export const DEV_CA_COMMON_NAME = 'Welkom Hub Development CA';
export const UNTRUSTED_CA_COMMON_NAME = 'Untrusted Test CA (not Welkom Hub)';

const CA_VALIDITY_DAYS = 3650;
const PARTY_VALIDITY_DAYS = 825;
const PARTY_RENEW_BEFORE_DAYS = 30;
// Renewing the CA while it still outlives a fresh party certificate means no party certificate it signs
// can outlive it.
const CA_RENEW_BEFORE_DAYS = PARTY_VALIDITY_DAYS;

const PARTY_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they must not reach a certificate subject.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Makes sure `dir` holds the development CA (`ca.crt`, `ca.key`) and, per party, `<key>.crt`/`<key>.key`
 * signed by it, issuing only what is missing, expired, close to expiry, or no longer matching the party
 * list. Parties are identified the PKIoverheid way: the OIN in the subject `serialNumber` attribute.
 */
export function ensureDevCertificates(
  dir: string,
  parties: readonly DevParty[],
  options: DevCertificateOptions = {},
): Promise<DevCertificates> {
  return ensureCertificates(dir, parties, DEV_CA_COMMON_NAME, options);
}

/**
 * The same layout under a different, self-made CA that no Welkom Hub component trusts, for tests that show
 * an impostor (even one claiming a real party's OIN) is refused. Use a directory of its own: a directory
 * whose CA has another name is refused rather than overwritten.
 */
export function ensureUntrustedCertificates(
  dir: string,
  parties: readonly DevParty[],
  options: DevCertificateOptions = {},
): Promise<DevCertificates> {
  return ensureCertificates(dir, parties, UNTRUSTED_CA_COMMON_NAME, options);
}

async function ensureCertificates(
  dir: string,
  parties: readonly DevParty[],
  caCommonName: string,
  options: DevCertificateOptions,
): Promise<DevCertificates> {
  assertValidParties(parties);
  const absoluteDir = resolve(dir);
  const now = options.now ?? new Date();
  const openssl = options.openssl ?? 'openssl';
  await mkdir(absoluteDir, { recursive: true, mode: 0o700 });

  return withDirectoryLock(absoluteDir, async () => {
    const generated: string[] = [];
    const caFiles = { certificatePath: join(absoluteDir, 'ca.crt'), privateKeyPath: join(absoluteDir, 'ca.key') };

    let ca = await readCertificate(caFiles.certificatePath, caFiles.privateKeyPath);
    if (ca !== undefined && commonNameOf(ca.certificate) !== caCommonName) {
      throw new Error(
        `${caFiles.certificatePath} is "${ca.certificate.subject}", not "CN=${caCommonName}"; refusing to replace it. ` +
          'Use another directory.',
      );
    }
    if (ca === undefined || !isReusableCa(ca, CA_RENEW_BEFORE_DAYS, now)) {
      await issue(absoluteDir, caFiles, (work) => issueCa(openssl, work, caCommonName));
      generated.push('ca');
      ca = await readCertificate(caFiles.certificatePath, caFiles.privateKeyPath);
      if (ca === undefined) throw new Error(`openssl did not produce a readable CA in ${absoluteDir}`);
    }

    const files: Record<string, PartyCertificateFiles> = {};
    for (const holder of certificateHolders(parties)) {
      const holderFiles = {
        key: holder.key,
        oin: holder.party.oin,
        ...(holder.subUnit === undefined ? {} : { subUnit: holder.subUnit }),
        certificatePath: join(absoluteDir, `${holder.key}.crt`),
        privateKeyPath: join(absoluteDir, `${holder.key}.key`),
      };
      const onDisk = await readCertificate(holderFiles.certificatePath, holderFiles.privateKeyPath);
      if (
        onDisk === undefined ||
        !isReusablePartyCertificate(onDisk, ca.certificate, expectedPartyCertificate(holder), PARTY_RENEW_BEFORE_DAYS, now)
      ) {
        await issue(absoluteDir, holderFiles, (work) => issuePartyCertificate(openssl, work, caFiles, holder));
        generated.push(holder.key);
      }
      files[holder.key] = holderFiles;
    }

    return { caCertificatePath: caFiles.certificatePath, parties: files, generated };
  });
}

export interface IssuedFiles {
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}

/**
 * Issues into a scratch directory beside the target and renames into place, so an interrupted run leaves
 * either the old pair or a complete new file, never a truncated one (a mismatched pair is caught next run).
 */
export async function issue(
  dir: string,
  target: IssuedFiles,
  create: (work: IssuedFiles & { dir: string }) => Promise<void>,
): Promise<void> {
  const workDir = await mkdtemp(join(dir, '.work-'));
  try {
    const work = { dir: workDir, certificatePath: join(workDir, 'out.crt'), privateKeyPath: join(workDir, 'out.key') };
    await create(work);
    await chmod(work.privateKeyPath, 0o600);
    await rename(work.privateKeyPath, target.privateKeyPath);
    await rename(work.certificatePath, target.certificatePath);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** What a leaf certificate of the development CA says besides its key. */
export interface LeafCertificateProfile {
  /** An openssl `-subj` string; its values must already be escaped. */
  readonly subject: string;
  /** The named usages, and the operator usage by its OID for a person's certificate. */
  readonly extendedKeyUsage: readonly (ExtendedKeyUsage | typeof OPERATOR_EXTENDED_KEY_USAGE)[];
  /** openssl's `keyUsage` values; a TLS server key also enciphers. */
  readonly keyUsage?: string;
  /** openssl's `subjectAltName` syntax, e.g. `DNS:localhost, IP:127.0.0.1`; none for a person's certificate. */
  readonly subjectAltName?: string;
  readonly validityDays?: number;
}

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth';

async function issueCa(openssl: string, work: IssuedFiles & { dir: string }, commonName: string): Promise<void> {
  const config = join(work.dir, 'openssl.cnf');
  // Our own config, so the result does not depend on the distribution's openssl.cnf defaults.
  await writeFile(
    config,
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[ca_extensions]',
      'basicConstraints = critical, CA:TRUE, pathlen:0',
      'keyUsage = critical, keyCertSign, cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  await generateKey(openssl, work.privateKeyPath);
  await runOpenssl(openssl, [
    'req',
    '-new',
    '-x509',
    '-utf8',
    '-config',
    config,
    '-extensions',
    'ca_extensions',
    '-key',
    work.privateKeyPath,
    '-subj',
    `/CN=${escapeSubjectValue(commonName)}`,
    '-days',
    String(CA_VALIDITY_DAYS),
    '-set_serial',
    randomSerial(),
    '-out',
    work.certificatePath,
  ]);
}

/** Who a certificate is issued to: a party, or one of its sub-units (`<party key>.<code>`). */
interface CertificateHolder {
  readonly key: string;
  readonly party: DevParty;
  readonly subUnit?: string;
}

function certificateHolders(parties: readonly DevParty[]): CertificateHolder[] {
  return parties.flatMap((party) => [
    { key: party.key, party },
    ...(party.subUnits ?? []).map((subUnit) => ({ key: `${party.key}.${subUnit}`, party, subUnit })),
  ]);
}

function issuePartyCertificate(
  openssl: string,
  work: IssuedFiles & { dir: string },
  ca: IssuedFiles,
  holder: CertificateHolder,
): Promise<void> {
  // The party key is checked against PARTY_KEY_PATTERN, so it cannot break out of the config line.
  return issueLeafCertificate(openssl, work, ca, {
    subject: partySubject(holder),
    extendedKeyUsage: extendedKeyUsageOf(holder),
    subjectAltName: `DNS:localhost, DNS:${holder.party.key}, IP:127.0.0.1`,
  });
}

/** Only the party's own certificate serves, and only when the party runs a gRPC service. */
function extendedKeyUsageOf(holder: CertificateHolder): ExtendedKeyUsage[] {
  return holder.subUnit === undefined && holder.party.serves === true ? ['serverAuth', 'clientAuth'] : ['clientAuth'];
}

/** A leaf certificate signed by `ca` into `work` (see {@link issue}); P-256 key, 825 days unless the profile says. */
export async function issueLeafCertificate(
  openssl: string,
  work: IssuedFiles & { dir: string },
  ca: IssuedFiles,
  profile: LeafCertificateProfile,
): Promise<void> {
  const config = join(work.dir, 'openssl.cnf');
  const request = join(work.dir, 'request.csr');
  await writeFile(
    config,
    [
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[leaf_extensions]',
      'basicConstraints = critical, CA:FALSE',
      `keyUsage = critical, ${profile.keyUsage ?? 'digitalSignature, keyEncipherment'}`,
      `extendedKeyUsage = ${profile.extendedKeyUsage.join(', ')}`,
      ...(profile.subjectAltName === undefined ? [] : [`subjectAltName = ${profile.subjectAltName}`]),
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  await generateKey(openssl, work.privateKeyPath);
  await runOpenssl(openssl, [
    'req',
    '-new',
    '-utf8',
    '-config',
    config,
    '-key',
    work.privateKeyPath,
    '-subj',
    profile.subject,
    '-out',
    request,
  ]);
  await runOpenssl(openssl, [
    'x509',
    '-req',
    '-in',
    request,
    '-CA',
    ca.certificatePath,
    '-CAkey',
    ca.privateKeyPath,
    '-set_serial',
    randomSerial(),
    '-days',
    String(profile.validityDays ?? PARTY_VALIDITY_DAYS),
    '-extfile',
    config,
    '-extensions',
    'leaf_extensions',
    '-out',
    work.certificatePath,
  ]);
}

function generateKey(openssl: string, privateKeyPath: string): Promise<void> {
  return runOpenssl(openssl, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-pkeyopt',
    'ec_param_enc:named_curve',
    '-out',
    privateKeyPath,
  ]);
}

// Sub-unit codes and party keys are checked against PARTY_KEY_PATTERN, so neither needs escaping.
function partySubject(holder: CertificateHolder): string {
  const { party } = holder;
  const unit = holder.subUnit === undefined ? '' : `/OU=${holder.subUnit}`;
  return `/C=NL/O=${escapeSubjectValue(party.name)}${unit}/serialNumber=${party.oin}/CN=${holder.key}`;
}

function expectedPartyCertificate(holder: CertificateHolder): ExpectedPartyCertificate {
  const { party } = holder;
  return {
    subject: {
      C: 'NL',
      O: party.name,
      ...(holder.subUnit === undefined ? {} : { OU: holder.subUnit }),
      serialNumber: party.oin,
      CN: holder.key,
    },
    subjectAltName: `DNS:localhost, DNS:${party.key}, IP Address:127.0.0.1`,
    extendedKeyUsage: extendedKeyUsageOf(holder),
  };
}

/** In `-subj`, `/` separates attributes and `+` starts a multi-valued RDN; a backslash escapes both. */
function escapeSubjectValue(value: string): string {
  return value.replace(/[\\/+]/g, (character) => `\\${character}`);
}

/** 127 random bits: unique per certificate and always a positive serial, as RFC 5280 asks. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return `0x${bytes.toString('hex')}`;
}

function assertValidParties(parties: readonly DevParty[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const party of parties) {
    if (!PARTY_KEY_PATTERN.test(party.key) || party.key === 'ca') {
      problems.push(`party key ${JSON.stringify(party.key)} must be lower-case letters, digits and single hyphens, not "ca"`);
    }
    if (seen.has(party.key)) problems.push(`party key ${JSON.stringify(party.key)} appears twice`);
    seen.add(party.key);
    for (const subUnit of party.subUnits ?? []) {
      if (!PARTY_KEY_PATTERN.test(subUnit)) {
        problems.push(`party ${party.key}: sub-unit ${JSON.stringify(subUnit)} must be lower-case letters, digits and single hyphens`);
      }
    }
    if (!isOin(party.oin)) problems.push(`party ${party.key}: OIN ${JSON.stringify(party.oin)} is not 20 digits`);
    if (party.name.trim() === '' || CONTROL_CHARACTERS.test(party.name)) {
      problems.push(`party ${party.key}: name must be non-empty without control characters`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid party list: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Operator certificates (issue 12): people acting for the hub operator, each accountable by name.

/** A person who operates the hub, as listed in deploy/hub/operators.v1.json. */
export interface DevOperator {
  /** The personal identifier (a staff code) the audit trail records: lower-case letters, digits, '.', '-'. */
  readonly id: string;
  readonly name: string;
}

export interface OperatorCertificateFiles {
  readonly key: string;
  readonly oin: string;
  readonly operatorId: string;
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}

/** The certificate key (and file name) of an operator: `operator.<id>`, apart from every party key (no dots). */
export function operatorCertificateKey(operatorId: string): string {
  return `operator.${operatorId}`;
}

const OPERATOR_VALIDITY_DAYS = 365;
const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH_OID = '1.3.6.1.5.5.7.3.1';

/**
 * Makes sure `dir` holds, per operator, `operator.<id>.crt`/`.key`, signed by the development CA that
 * ensureDevCertificates made there: the hub operator's OIN in `serialNumber`, the person's identifier in `UID`,
 * their name in CN, and the operator extended key usage beside clientAuth (never serverAuth: an operator does not
 * serve). See OPERATOR_EXTENDED_KEY_USAGE in libs/grpc for why a key usage rather than a CA of its own.
 */
export async function ensureDevOperatorCertificates(
  dir: string,
  hub: Pick<DevParty, 'oin' | 'name'>,
  operators: readonly DevOperator[],
  options: DevCertificateOptions = {},
): Promise<{ operators: Readonly<Record<string, OperatorCertificateFiles>>; generated: readonly string[] }> {
  assertValidOperators(hub, operators);
  const absoluteDir = resolve(dir);
  const now = options.now ?? new Date();
  const openssl = options.openssl ?? 'openssl';
  return withDirectoryLock(absoluteDir, async () => {
    const caFiles = { certificatePath: join(absoluteDir, 'ca.crt'), privateKeyPath: join(absoluteDir, 'ca.key') };
    const ca = await readCertificate(caFiles.certificatePath, caFiles.privateKeyPath);
    if (ca === undefined || commonNameOf(ca.certificate) !== DEV_CA_COMMON_NAME) {
      throw new Error(`${absoluteDir} holds no development CA: run ensureDevCertificates (npm run certs) first`);
    }
    const files: Record<string, OperatorCertificateFiles> = {};
    const generated: string[] = [];
    for (const operator of operators) {
      const key = operatorCertificateKey(operator.id);
      const operatorFiles = {
        key,
        oin: hub.oin,
        operatorId: operator.id,
        certificatePath: join(absoluteDir, `${key}.crt`),
        privateKeyPath: join(absoluteDir, `${key}.key`),
      };
      const subject = operatorSubject(hub, operator);
      const onDisk = await readCertificate(operatorFiles.certificatePath, operatorFiles.privateKeyPath);
      if (onDisk === undefined || !isReusableOperatorCertificate(onDisk, ca.certificate, subject, now)) {
        await issue(absoluteDir, operatorFiles, (work) => issueOperatorCertificate(openssl, work, caFiles, subject));
        generated.push(key);
      }
      files[key] = operatorFiles;
    }
    return { operators: files, generated };
  });
}

interface OperatorSubject {
  /** For openssl `-subj`. */
  readonly option: string;
  /** As X509Certificate#subject prints it. */
  readonly printed: string;
}

// The operator id is checked against OPERATOR_ID_PATTERN and the OIN is 20 digits; names are escaped.
function operatorSubject(hub: Pick<DevParty, 'oin' | 'name'>, operator: DevOperator): OperatorSubject {
  return {
    option: `/C=NL/O=${escapeSubjectValue(hub.name)}/serialNumber=${hub.oin}/UID=${operator.id}/CN=${escapeSubjectValue(operator.name)}`,
    printed: [`C=NL`, `O=${hub.name}`, `serialNumber=${hub.oin}`, `UID=${operator.id}`, `CN=${operator.name}`].join('\n'),
  };
}

function isReusableOperatorCertificate(onDisk: CertificateOnDisk, ca: X509Certificate, subject: OperatorSubject, now: Date): boolean {
  const { certificate } = onDisk;
  const usage = certificate.keyUsage ?? [];
  return (
    onDisk.keyMatches &&
    certificate.checkIssued(ca) &&
    certificate.verify(ca.publicKey) &&
    validForAtLeast(certificate, PARTY_RENEW_BEFORE_DAYS, now) &&
    certificate.subject === subject.printed &&
    usage.includes(CLIENT_AUTH_OID) &&
    usage.includes(OPERATOR_EXTENDED_KEY_USAGE) &&
    !usage.includes(SERVER_AUTH_OID)
  );
}

/** A person's certificate: client authentication and the operator usage only, no key encipherment, no SAN. */
function issueOperatorCertificate(
  openssl: string,
  work: IssuedFiles & { dir: string },
  ca: IssuedFiles,
  subject: OperatorSubject,
): Promise<void> {
  return issueLeafCertificate(openssl, work, ca, {
    subject: subject.option,
    extendedKeyUsage: ['clientAuth', OPERATOR_EXTENDED_KEY_USAGE],
    keyUsage: 'digitalSignature',
    validityDays: OPERATOR_VALIDITY_DAYS,
  });
}

function assertValidOperators(hub: Pick<DevParty, 'oin' | 'name'>, operators: readonly DevOperator[]): void {
  const problems: string[] = [];
  if (!isOin(hub.oin)) problems.push(`hub OIN ${JSON.stringify(hub.oin)} is not 20 digits`);
  const seen = new Set<string>();
  for (const operator of operators) {
    if (!OPERATOR_ID_PATTERN.test(operator.id)) problems.push(`operator id ${JSON.stringify(operator.id)} must be a-z, 0-9, '.', '-'`);
    if (seen.has(operator.id)) problems.push(`operator id ${JSON.stringify(operator.id)} appears twice`);
    seen.add(operator.id);
    if (operator.name.trim() === '' || CONTROL_CHARACTERS.test(operator.name)) {
      problems.push(`operator ${operator.id}: name must be non-empty without control characters`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid operator list: ${problems.join('; ')}`);
}
