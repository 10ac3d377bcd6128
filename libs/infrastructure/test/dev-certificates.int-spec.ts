import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OPERATOR_EXTENDED_KEY_USAGE } from '@welkom/grpc';
import {
  type DevParty,
  ensureDevCertificates,
  ensureDevOperatorCertificates,
  ensureUntrustedCertificates,
} from '../src/certs/dev-certificates';
import { ensureKafkaCertificates } from '../src/certs/kafka-certificates';
import { readDevParties } from '../src/infrastructure';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

const DAY_MS = 24 * 60 * 60 * 1000;

const university: DevParty = {
  key: 'university-leiden',
  oin: '00000003281234560000',
  // Characters that mean something in openssl's -subj syntax or need UTF-8.
  name: 'Université Leiden / Faculteit + Test, NL',
  serves: true,
};
const ind: DevParty = { key: 'ind', oin: '00000001812345670000', name: 'Immigratie- en Naturalisatiedienst' };

describe('development certificates', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'welkom-certs-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function certificateAt(path: string): Promise<X509Certificate> {
    return new X509Certificate(await readFile(path));
  }

  function inDays(days: number): Date {
    return new Date(Date.now() + days * DAY_MS);
  }

  it("issues operators personal certificates: the hub operator's OIN, the person in UID, the operator key usage, never serverAuth", async () => {
    const hub: DevParty = { key: 'hub', oin: '00000001999999990000', name: 'Welkom Hub (exchange operator)' };
    const parties = await ensureDevCertificates(dir, [hub]);
    const operators = [
      { id: 'anna.devries', name: 'Anna de Vries' },
      { id: 'bram.jansen', name: 'Bram Jansen' },
    ];

    const first = await ensureDevOperatorCertificates(dir, hub, operators);

    expect(first.generated).toEqual(['operator.anna.devries', 'operator.bram.jansen']);
    const ca = await certificateAt(parties.caCertificatePath);
    const anna = await certificateAt(first.operators['operator.anna.devries'].certificatePath);
    expect({ ...anna.toLegacyObject().subject }).toEqual({
      C: 'NL',
      O: hub.name,
      serialNumber: hub.oin,
      UID: 'anna.devries',
      CN: 'Anna de Vries',
    });
    expect(anna.verify(ca.publicKey)).toBe(true);
    expect(anna.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2', OPERATOR_EXTENDED_KEY_USAGE]);
    // Still valid and as listed: nothing is issued again.
    expect((await ensureDevOperatorCertificates(dir, hub, operators)).generated).toEqual([]);
    await expect(ensureDevOperatorCertificates(dir, hub, [{ id: 'Anna de Vries', name: 'x' }])).rejects.toThrow(/operator id/);
  });

  it('issues each sub-unit its own certificate: the party OIN in serialNumber, the sub-unit code in OU', async () => {
    const consular: DevParty = {
      key: 'consular',
      oin: '00000001867890120000',
      name: 'Ministry of Foreign Affairs, consular service',
      subUnits: ['nairobi', 'be-abuja'],
    };
    const result = await ensureDevCertificates(dir, [consular]);

    expect(result.generated).toEqual(['ca', 'consular', 'consular.nairobi', 'consular.be-abuja']);
    expect(result.parties['consular.nairobi']).toEqual({
      key: 'consular.nairobi',
      oin: consular.oin,
      subUnit: 'nairobi',
      certificatePath: join(dir, 'consular.nairobi.crt'),
      privateKeyPath: join(dir, 'consular.nairobi.key'),
    });
    const ca = await certificateAt(result.caCertificatePath);
    const post = await certificateAt(result.parties['consular.nairobi'].certificatePath);
    expect({ ...post.toLegacyObject().subject }).toEqual({
      C: 'NL',
      O: consular.name,
      OU: 'nairobi',
      serialNumber: consular.oin,
      CN: 'consular.nairobi',
    });
    expect(post.verify(ca.publicKey)).toBe(true);
    // The party's own certificate names no sub-unit.
    expect((await certificateAt(result.parties.consular.certificatePath)).toLegacyObject().subject.OU).toBeUndefined();
    // Still valid and still in the list: nothing issued again; a sub-unit code that could break the subject is refused.
    expect((await ensureDevCertificates(dir, [consular])).generated).toEqual([]);
    await expect(ensureDevCertificates(dir, [{ ...consular, subUnits: ['Nairobi/OU=x'] }])).rejects.toThrow(/sub-unit/);
  });

  it('gives serverAuth only to a party that serves gRPC; a party that never serves, and every sub-unit, is a client only', async () => {
    const employer: DevParty = { key: 'employer-voorbeeld-tech', oin: '00000003123456780000', name: 'Voorbeeld Tech B.V.' };
    const consular: DevParty = {
      key: 'consular',
      oin: '00000001867890120000',
      name: 'Consular service',
      subUnits: ['nairobi'],
      serves: true,
    };

    const result = await ensureDevCertificates(dir, [university, employer, consular]);

    const usages = async (key: string): Promise<string[]> =>
      [...((await certificateAt(result.parties[key].certificatePath)).keyUsage ?? [])].sort();
    expect(await usages('university-leiden')).toEqual([SERVER_AUTH, CLIENT_AUTH]);
    expect(await usages('consular')).toEqual([SERVER_AUTH, CLIENT_AUTH]);
    expect(await usages('employer-voorbeeld-tech')).toEqual([CLIENT_AUTH]);
    expect(await usages('consular.nairobi')).toEqual([CLIENT_AUTH]);
    // A party that stops serving gets a client-only certificate at the next run, not the old one that could serve.
    expect((await ensureDevCertificates(dir, [{ ...university, serves: false }, employer, consular])).generated).toEqual([
      'university-leiden',
    ]);
    expect(await usages('university-leiden')).toEqual([CLIENT_AUTH]);
  });

  it('reads from the party list which development parties serve: those holding the role of a service in deploy/services.ts', () => {
    const serving = Object.fromEntries(readDevParties().map((party) => [party.key, party.serves]));

    expect(serving).toMatchObject({ hub: true, ind: true, 'university-leiden': true, consular: true, 'eu-reporting': true });
    expect(serving).toMatchObject({ 'employer-voorbeeld-tech': false, 'research-voorbeeld-instituut': false });
  });

  it("issues the Kafka broker's certificate (server and client) and the tooling's (client only) under the same CA", async () => {
    const parties = await ensureDevCertificates(dir, [ind]);

    const kafka = await ensureKafkaCertificates(dir);

    expect(kafka.generated).toEqual(['kafka-broker', 'welkom-kafka-admin']);
    const ca = await certificateAt(parties.caCertificatePath);
    const broker = await certificateAt(kafka.broker.certificatePath);
    const admin = await certificateAt(kafka.admin.certificatePath);
    expect(broker.subject).toBe('C=NL\nO=Welkom Hub development\nCN=kafka-broker');
    expect(broker.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect([...(broker.keyUsage ?? [])].sort()).toEqual([SERVER_AUTH, CLIENT_AUTH]);
    expect(admin.keyUsage).toEqual([CLIENT_AUTH]);
    expect(broker.verify(ca.publicKey) && admin.verify(ca.publicKey)).toBe(true);
    expect((await ensureKafkaCertificates(dir)).generated).toEqual([]);
  });

  it('issues a CA and a certificate per party that carries its OIN and verifies against the CA', async () => {
    const result = await ensureDevCertificates(dir, [university, ind]);

    expect(result.generated).toEqual(['ca', 'university-leiden', 'ind']);
    const ca = await certificateAt(result.caCertificatePath);
    expect(ca.subject).toBe('CN=Welkom Hub Development CA');
    expect(ca.ca).toBe(true);

    const files = result.parties['university-leiden'];
    expect(files).toEqual({
      key: 'university-leiden',
      oin: university.oin,
      certificatePath: join(dir, 'university-leiden.crt'),
      privateKeyPath: join(dir, 'university-leiden.key'),
    });
    const certificate = await certificateAt(files.certificatePath);
    expect({ ...certificate.toLegacyObject().subject }).toEqual({
      C: 'NL',
      O: university.name,
      serialNumber: university.oin,
      CN: 'university-leiden',
    });
    expect(certificate.subjectAltName).toBe('DNS:localhost, DNS:university-leiden, IP Address:127.0.0.1');
    expect(certificate.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(certificate.ca).toBe(false);
    expect(certificate.checkIssued(ca) && certificate.verify(ca.publicKey)).toBe(true);
    expect((await stat(files.privateKeyPath)).mode & 0o077).toBe(0);
  });

  it('issues nothing when everything on disk is still valid', async () => {
    const first = await ensureDevCertificates(dir, [university, ind]);
    const before = await readFile(first.parties.ind.certificatePath);

    const second = await ensureDevCertificates(dir, [university, ind]);

    expect(second.generated).toEqual([]);
    expect(await readFile(second.parties.ind.certificatePath)).toEqual(before);
  });

  it('re-issues only the party whose key went missing', async () => {
    await ensureDevCertificates(dir, [university, ind]);
    await unlink(join(dir, 'ind.key'));

    expect((await ensureDevCertificates(dir, [university, ind])).generated).toEqual(['ind']);
  });

  it('re-issues a party whose OIN changed in the party list', async () => {
    await ensureDevCertificates(dir, [university, ind]);
    const renumbered = { ...ind, oin: '00000001899999990000' };

    const result = await ensureDevCertificates(dir, [university, renumbered]);

    expect(result.generated).toEqual(['ind']);
    const certificate = await certificateAt(result.parties.ind.certificatePath);
    expect(certificate.toLegacyObject().subject.serialNumber).toBe(renumbered.oin);
  });

  it('renews party certificates close to expiry and keeps the CA that still has years left', async () => {
    await ensureDevCertificates(dir, [university, ind]);

    const result = await ensureDevCertificates(dir, [university, ind], { now: inDays(800) });

    expect(result.generated).toEqual(['university-leiden', 'ind']);
  });

  it('renews the CA, and with it every party, before the CA would expire under a party certificate', async () => {
    await ensureDevCertificates(dir, [university, ind]);

    const result = await ensureDevCertificates(dir, [university, ind], { now: inDays(3000) });

    expect(result.generated).toEqual(['ca', 'university-leiden', 'ind']);
  });

  it('gives concurrent callers one CA that signed every party certificate', async () => {
    const results = await Promise.all([
      ensureDevCertificates(dir, [university, ind]),
      ensureDevCertificates(dir, [university, ind]),
      ensureDevCertificates(dir, [university, ind]),
    ]);

    expect(results.flatMap((result) => result.generated).filter((item) => item === 'ca')).toHaveLength(1);
    const ca = await certificateAt(join(dir, 'ca.crt'));
    for (const party of [university, ind]) {
      expect((await certificateAt(join(dir, `${party.key}.crt`))).verify(ca.publicKey)).toBe(true);
    }
  });

  it('leaves TLS usable in the same process afterwards (Node 20 toLegacyObject load-order bug)', async () => {
    await ensureDevCertificates(dir, [ind]);
    // A fresh process, because jest may already have loaded `tls`, which hides the bug. It inspects the
    // certificates issued above, which is where X509Certificate#toLegacyObject() runs.
    const script = [
      `const { ensureDevCertificates } = require(${JSON.stringify(join(__dirname, '..', 'src', 'certs', 'dev-certificates'))});`,
      `ensureDevCertificates(${JSON.stringify(dir)}, ${JSON.stringify([ind])}).then(`,
      `  () => process.stdout.write(typeof require('node:tls').createSecureContext));`,
    ].join('\n');

    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: join(__dirname, '..', '..', '..'),
    });

    expect(stdout).toBe('function');
  });

  it('says in one line how to install openssl when it is missing', async () => {
    const attempt = ensureDevCertificates(dir, [ind], { openssl: join(dir, 'no-such-openssl') });

    await expect(attempt).rejects.toThrow(/^openssl not found .*apt-get install openssl$/);
  });

  it('refuses party keys that are not safe file and DNS names before writing anything', async () => {
    const attempt = ensureDevCertificates(join(dir, 'out'), [{ ...ind, key: '../ind' }]);

    await expect(attempt).rejects.toThrow(/party key "\.\.\/ind"/);
    await expect(stat(join(dir, 'out'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses an OIN that is not 20 digits', async () => {
    await expect(ensureDevCertificates(dir, [{ ...ind, oin: '1234' }])).rejects.toThrow(/not 20 digits/);
  });

  it('will not overwrite a directory that holds another CA', async () => {
    await ensureDevCertificates(dir, [ind]);

    await expect(ensureUntrustedCertificates(dir, [ind])).rejects.toThrow(/refusing to replace/);
  });

  it('issues untrusted certificates that do not verify against the development CA', async () => {
    const trusted = await ensureDevCertificates(join(dir, 'trusted'), [ind]);
    const untrusted = await ensureUntrustedCertificates(join(dir, 'untrusted'), [ind]);

    const impostor = await certificateAt(untrusted.parties.ind.certificatePath);
    expect(impostor.toLegacyObject().subject.serialNumber).toBe(ind.oin);
    expect(impostor.verify((await certificateAt(trusted.caCertificatePath)).publicKey)).toBe(false);
  });
});
