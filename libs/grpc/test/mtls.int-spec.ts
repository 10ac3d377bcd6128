import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChannelCredentials,
  type ChannelOptions,
  Client,
  Metadata,
  Server,
  type ServerCredentials,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type ServiceError,
  type UntypedServiceImplementation,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import {
  type DevCertificates,
  type DevParty,
  ensureDevCertificates,
  ensureUntrustedCertificates,
  readDevParties,
} from '@welkom/infrastructure';
import { type CallWithAuthContext, callerOinFromCall, callerFromCall } from '../src/caller-identity';
import { CallerOinCache } from '../src/caller-oin.cache';
import { type MtlsMaterial, createClientCredentials, createServerCredentials, loadMtlsMaterial } from '../src/mtls-credentials';

// Real TLS over real sockets: a plain grpc-js server with the hub's mTLS credentials whose only answer is
// "who does my TLS layer say you are". The request body and metadata deliberately claim another party.

interface WhoAmIRequest {
  claimedOin: string;
}
interface WhoAmIReply {
  callerOin: string;
}

const SERVICE = '/welkom.test.v1.Identity';
const serializeJson = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const deserializeJson = <T>(bytes: Buffer): T => JSON.parse(bytes.toString('utf8')) as T;

const identityService: ServiceDefinition = {
  whoAmI: {
    path: `${SERVICE}/WhoAmI`,
    requestStream: false,
    responseStream: false,
    requestSerialize: serializeJson,
    requestDeserialize: deserializeJson<WhoAmIRequest>,
    responseSerialize: serializeJson,
    responseDeserialize: deserializeJson<WhoAmIReply>,
  },
  whoAmICached: {
    path: `${SERVICE}/WhoAmICached`,
    requestStream: false,
    responseStream: false,
    requestSerialize: serializeJson,
    requestDeserialize: deserializeJson<WhoAmIRequest>,
    responseSerialize: serializeJson,
    responseDeserialize: deserializeJson<WhoAmIReply>,
  },
  whoAmIStream: {
    path: `${SERVICE}/WhoAmIStream`,
    requestStream: false,
    responseStream: true,
    requestSerialize: serializeJson,
    requestDeserialize: deserializeJson<WhoAmIRequest>,
    responseSerialize: serializeJson,
    responseDeserialize: deserializeJson<WhoAmIReply>,
  },
};

const CALL_DEADLINE_MS = 5_000;

describe('mTLS between parties', () => {
  let workDir: string;
  let certificates: DevCertificates;
  let untrusted: DevCertificates;
  let parties: Record<string, DevParty>;
  let server: Server;
  let address: string;
  let handlerRuns: number;
  let certificateReads: number;
  let cachedOins: CallerOinCache;
  const openClients: Client[] = [];

  function materialOf(set: DevCertificates, partyKey: string): MtlsMaterial {
    const party = set.parties[partyKey];
    if (party === undefined) throw new Error(`no certificate for ${partyKey}`);
    return loadMtlsMaterial({ caCertificatePath: set.caCertificatePath, ...party });
  }

  function clientWith(credentials: ChannelCredentials, options: ChannelOptions = {}): Client {
    const client = new Client(address, credentials, options);
    openClients.push(client);
    return client;
  }

  function whoAmI(client: Client, claimedOin = parties.ind.oin, method = 'WhoAmI'): Promise<WhoAmIReply> {
    const metadata = new Metadata();
    metadata.set('x-caller-oin', claimedOin);
    return new Promise((resolve, reject) => {
      client.makeUnaryRequest<WhoAmIRequest, WhoAmIReply>(
        `${SERVICE}/${method}`,
        serializeJson,
        deserializeJson<WhoAmIReply>,
        { claimedOin },
        metadata,
        { deadline: Date.now() + CALL_DEADLINE_MS },
        (error, reply) => (error ? reject(error) : resolve(reply!)),
      );
    });
  }

  async function startServer(credentials: ServerCredentials): Promise<void> {
    const implementation: UntypedServiceImplementation = {
      whoAmI: (call: ServerUnaryCall<WhoAmIRequest, WhoAmIReply>, callback: sendUnaryData<WhoAmIReply>) => {
        handlerRuns += 1;
        try {
          callback(null, { callerOin: callerOinFromCall(call) });
        } catch (error: unknown) {
          callback({ code: status.UNAUTHENTICATED, details: String(error) });
        }
      },
      whoAmICached: (call: ServerUnaryCall<WhoAmIRequest, WhoAmIReply>, callback: sendUnaryData<WhoAmIReply>) => {
        handlerRuns += 1;
        try {
          callback(null, { callerOin: cachedOins.oinOf(call) });
        } catch (error: unknown) {
          callback({ code: status.UNAUTHENTICATED, details: String(error) });
        }
      },
      whoAmIStream: (call: ServerWritableStream<WhoAmIRequest, WhoAmIReply>) => {
        handlerRuns += 1;
        call.write({ callerOin: callerOinFromCall(call) });
        call.end();
      },
    };
    server = new Server();
    server.addService(identityService, implementation);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', credentials, (error, boundPort) => (error ? reject(error) : resolve(boundPort))),
    );
    address = `localhost:${port}`;
  }

  async function expectRefused(client: Client): Promise<ServiceError> {
    const error = await whoAmI(client).then(
      () => {
        throw new Error('the call succeeded, but it should have been refused');
      },
      (refusal: ServiceError) => refusal,
    );
    expect(error.code).toBe(status.UNAVAILABLE);
    expect(handlerRuns).toBe(0);
    return error;
  }

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'welkom-mtls-'));
    // Through readDevParties, as npm start reads them: it knows which parties serve (and get serverAuth).
    parties = Object.fromEntries(readDevParties().map((party) => [party.key, party]));
    const involved = [parties.hub, parties.ind, parties['university-leiden']];
    certificates = await ensureDevCertificates(join(workDir, 'trusted'), involved);
    // The impostor claims Leiden's name and OIN; only its CA gives it away.
    untrusted = await ensureUntrustedCertificates(join(workDir, 'untrusted'), [parties['university-leiden']]);
    await startServer(createServerCredentials(materialOf(certificates, 'hub')));
  });

  beforeEach(() => {
    handlerRuns = 0;
    certificateReads = 0;
    cachedOins = new CallerOinCache((call: CallWithAuthContext) => {
      certificateReads += 1;
      return callerFromCall(call);
    });
  });

  afterEach(() => {
    for (const client of openClients.splice(0)) client.close();
  });

  afterAll(async () => {
    server?.forceShutdown();
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  });

  it('tells the university its own OIN from its certificate, ignoring the OIN it claims in body and metadata', async () => {
    const client = clientWith(createClientCredentials(materialOf(certificates, 'university-leiden')));

    const reply = await whoAmI(client, parties.ind.oin);

    expect(reply.callerOin).toBe(parties['university-leiden'].oin);
    expect(handlerRuns).toBe(1);
  });

  it('identifies the caller on a server-streaming call too', async () => {
    const client = clientWith(createClientCredentials(materialOf(certificates, 'ind')));
    const replies: WhoAmIReply[] = [];

    await new Promise<void>((resolve, reject) => {
      const stream = client.makeServerStreamRequest<WhoAmIRequest, WhoAmIReply>(
        `${SERVICE}/WhoAmIStream`,
        serializeJson,
        deserializeJson<WhoAmIReply>,
        { claimedOin: parties.hub.oin },
        { deadline: Date.now() + CALL_DEADLINE_MS },
      );
      stream.on('data', (reply: WhoAmIReply) => replies.push(reply));
      stream.on('error', reject);
      stream.on('end', resolve);
    });

    expect(replies).toEqual([{ callerOin: parties.ind.oin }]);
  });

  it('refuses a client that presents no certificate', async () => {
    const ca = await readFile(certificates.caCertificatePath);
    await expectRefused(clientWith(ChannelCredentials.createSsl(ca)));
  });

  it('refuses a client whose certificate was issued by an unknown CA, even with a real party OIN', async () => {
    const impostor = materialOf(untrusted, 'university-leiden');
    const trustsHubCa = { ...impostor, caCertificate: await readFile(certificates.caCertificatePath) };
    await expectRefused(clientWith(createClientCredentials(trustsHubCa)));
  });

  it('refuses to talk to a server whose certificate the client does not trust', async () => {
    const leiden = materialOf(certificates, 'university-leiden');
    const trustsOtherCa = { ...leiden, caCertificate: await readFile(untrusted.caCertificatePath) };
    const error = await expectRefused(clientWith(createClientCredentials(trustsOtherCa)));
    expect(error.details).toMatch(/certificate/i);
  });

  it('refuses a plaintext client', async () => {
    await expectRefused(clientWith(ChannelCredentials.createInsecure()));
  });

  it('connects when the server is the party the client expects', async () => {
    const leiden = materialOf(certificates, 'university-leiden');
    const client = clientWith(createClientCredentials(leiden, { expectedServerOin: parties.hub.oin }));
    expect((await whoAmI(client)).callerOin).toBe(parties['university-leiden'].oin);
  });

  it('refuses a server that is another party than the client expects', async () => {
    const leiden = materialOf(certificates, 'university-leiden');
    const client = clientWith(createClientCredentials(leiden, { expectedServerOin: parties.ind.oin }));
    const error = await expectRefused(client);
    expect(error.details).toContain(`expected ${parties.ind.oin}`);
  });

  it('reads the certificate of a real grpc-js connection once for many calls, and another connection its own', async () => {
    const leiden = clientWith(createClientCredentials(materialOf(certificates, 'university-leiden')));
    const ind = clientWith(createClientCredentials(materialOf(certificates, 'ind')));

    const leidenReplies: WhoAmIReply[] = [];
    for (let i = 0; i < 3; i += 1) leidenReplies.push(await whoAmI(leiden, parties.ind.oin, 'WhoAmICached'));
    const indReplies = [await whoAmI(ind, parties.hub.oin, 'WhoAmICached'), await whoAmI(ind, parties.hub.oin, 'WhoAmICached')];

    expect(leidenReplies.map((reply) => reply.callerOin)).toEqual(Array(3).fill(parties['university-leiden'].oin));
    expect(indReplies.map((reply) => reply.callerOin)).toEqual([parties.ind.oin, parties.ind.oin]);
    expect(handlerRuns).toBe(5);
    expect(certificateReads).toBe(2);
  });

  it('reads the certificate again when a party comes back on a new connection', async () => {
    const material = materialOf(certificates, 'university-leiden');
    // grpc-js would otherwise hand both clients one pooled connection.
    const ownConnection: ChannelOptions = { 'grpc.use_local_subchannel_pool': 1 };
    const first = clientWith(createClientCredentials(material), ownConnection);
    await whoAmI(first, parties.ind.oin, 'WhoAmICached');
    first.close();

    const second = clientWith(createClientCredentials(material), ownConnection);
    const reply = await whoAmI(second, parties.ind.oin, 'WhoAmICached');

    expect(reply.callerOin).toBe(parties['university-leiden'].oin);
    expect(certificateReads).toBe(2);
  });
});
