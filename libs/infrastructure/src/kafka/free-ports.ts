import { createServer, type Server } from 'node:net';

/**
 * Asks the OS for ports by binding port 0 on loopback. All sockets stay open until every port is known, so
 * the same port is never handed out twice in one call.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const server = createServer();
      servers.push(server);
      ports.push(await listen(server, 0));
    }
    return ports;
  } finally {
    await Promise.all(servers.map(close));
  }
}

/** True when nothing listens on the port, so a broker may take it again (e.g. the ports of a previous run). */
export async function isPortFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    await listen(server, port);
    return true;
  } catch {
    return false;
  } finally {
    await close(server);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      if (address && typeof address === 'object') done(address.port);
      else fail(new Error('listening socket has no port'));
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((done) => (server.listening ? server.close(() => done()) : done()));
}
