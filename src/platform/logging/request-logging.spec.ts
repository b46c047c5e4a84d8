import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { requestLogging } from './request-logging';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
};

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('requestLogging', () => {
  let server: Server;
  afterEach(() => new Promise<void>((done) => server.close(() => done())));

  /** A server that answers after `delayMs`, as a slow handler whose writes commit anyway. */
  const listen = async (logger: pino.Logger, delayMs: number): Promise<number> => {
    const log = requestLogging(logger);
    server = createServer((req, res) =>
      log(req, res, () => setTimeout(() => res.end('done'), delayMs)),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return (server.address() as AddressInfo).port;
  };

  it('logs a completed request once, with its status', async () => {
    const { lines, logger } = capture();
    const port = await listen(logger, 0);
    await fetch(`http://127.0.0.1:${port}/api/v1/things`);
    await until(() => lines.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      statusCode: 200,
      url: '/api/v1/things',
    });
  });

  it('logs a request whose client disconnected before the response with status 499', async () => {
    const { lines, logger } = capture();
    const port = await listen(logger, 300);
    const client = request({ host: '127.0.0.1', port, path: '/api/v1/slow', method: 'POST' });
    client.on('error', () => undefined);
    client.end();
    await new Promise((r) => setTimeout(r, 100));
    client.destroy();
    await until(() => lines.length > 0);
    await new Promise((r) => setTimeout(r, 400));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'client closed request',
      statusCode: 499,
      method: 'POST',
      url: '/api/v1/slow',
      level: 40,
    });
  });
});
