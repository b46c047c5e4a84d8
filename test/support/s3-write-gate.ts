import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestS3Server } from './s3rver';

/** A request the gate answered: its method, object key (without the bucket) and status. */
export interface GateExchange {
  method: string;
  key: string;
  status: number;
}

/** What became of a held PUT when it was let through: S3's status, or the client gone (it gave up meanwhile). */
export interface ReleasedWrite {
  key: string;
  outcome: number | 'client gone';
}

/**
 * An HTTP proxy in front of a test S3 server that can hold or refuse the PUTs of keys under a prefix: a real store
 * whose writes land late, or not at all, for code that writes after answering. Point the app at it with `env`.
 */
export interface S3WriteGate {
  /** `s3.env` with the endpoint of the gate. */
  env: Record<string, string>;
  /** Every request answered so far, in order. */
  exchanges: GateExchange[];
  /** From now on, PUTs of keys under `prefix` wait until `release`. */
  hold(prefix: string): void;
  /** From now on, PUTs of keys under `prefix` are answered 403 AccessDenied (not retried by the SDK). */
  refuse(prefix: string): void;
  /** The key of the first PUT held since the last release (waits for one). */
  nextHeld(): Promise<string>;
  /** Resolves once an answered request matches (including one answered before). */
  answered(match: (exchange: GateExchange) => boolean): Promise<GateExchange>;
  /** Stops holding and refusing; forwards the held PUTs and tells what became of each. */
  release(): Promise<ReleasedWrite[]>;
  close(): Promise<void>;
}

interface Held {
  key: string;
  forward: () => Promise<ReleasedWrite>;
}

const ACCESS_DENIED =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Refused by the test</Message></Error>';

export async function startS3WriteGate(s3: TestS3Server): Promise<S3WriteGate> {
  const bucket = s3.env.MINIO_BUCKET;
  const exchanges: GateExchange[] = [];
  const listeners: Array<() => void> = [];
  let held: Held[] = [];
  let holding: string | undefined;
  let refusing: string | undefined;

  const record = (exchange: GateExchange): void => {
    exchanges.push(exchange);
    for (const listener of [...listeners]) listener();
  };
  const keyOf = (url: string): string =>
    decodeURIComponent(new URL(url, 'http://gate').pathname).replace(`/${bucket}/`, '');

  /** Sends the request on to s3rver and its answer back; 'client gone' when the client left before. */
  const forward = (
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<number | 'client gone'> => {
    if (res.destroyed || req.socket.destroyed) return Promise.resolve('client gone');
    return new Promise((resolve, reject) => {
      const upstream = request(
        `${s3.endpoint}${req.url}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => resolve(answer.statusCode ?? 502));
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const key = keyOf(req.url ?? '/');
      const method = req.method ?? 'GET';
      const body = Buffer.concat(chunks);
      const put = method === 'PUT';
      if (put && refusing !== undefined && key.startsWith(refusing)) {
        res.writeHead(403, { 'content-type': 'application/xml' }).end(ACCESS_DENIED);
        record({ method, key, status: 403 });
      } else if (put && holding !== undefined && key.startsWith(holding)) {
        held.push({
          key,
          forward: async () => {
            const outcome = await forward(req, body, res);
            if (outcome !== 'client gone') record({ method, key, status: outcome });
            return { key, outcome };
          },
        });
        for (const listener of [...listeners]) listener();
      } else {
        forward(req, body, res).then(
          (status) => status !== 'client gone' && record({ method, key, status }),
          () => res.destroy(),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const until = <T>(found: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const check = (): void => {
        const value = found();
        if (value === undefined) return;
        listeners.splice(listeners.indexOf(check), 1);
        resolve(value);
      };
      listeners.push(check);
      check();
    });

  return {
    env: { ...s3.env, MINIO_ENDPOINT: endpoint },
    exchanges,
    hold: (prefix) => (holding = prefix),
    refuse: (prefix) => (refusing = prefix),
    nextHeld: () => until(() => held[0]?.key),
    answered: (match) => until(() => exchanges.find(match)),
    release: async () => {
      holding = undefined;
      refusing = undefined;
      const waiting = held;
      held = [];
      return Promise.all(waiting.map((write) => write.forward()));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
