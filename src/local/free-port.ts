import { createServer } from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

function listenOnce(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Asks the OS for a port nobody listens on at `host` (loopback by default). */
export function findFreePort(host = LOOPBACK_HOST): Promise<number> {
  return listenOnce(0, host);
}

/** True when `port` can be bound on `host` right now. */
export async function isPortFree(port: number, host = LOOPBACK_HOST): Promise<boolean> {
  try {
    await listenOnce(port, host);
    return true;
  } catch {
    return false;
  }
}
