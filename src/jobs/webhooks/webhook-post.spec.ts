import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './webhook-post';

describe('postWebhook', () => {
  let server: Server;
  let port: number;
  const received: { body: string; headers: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.writeHead(req.url === '/moved' ? 302 : 204, { location: 'http://127.0.0.1:1/' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const open = { timeoutMs: 2000, allowPrivateNetworks: true };
  const guarded = { timeoutMs: 2000, allowPrivateNetworks: false };

  it('POSTs the body with its headers and returns the status, without following redirects', async () => {
    const url = `http://127.0.0.1:${port}/hook`;
    expect(await postWebhook(url, { 'x-test': 'yes' }, '{"a":1}', open)).toBe(204);
    expect(received.at(-1)).toMatchObject({
      body: '{"a":1}',
      headers: { 'x-test': 'yes', 'content-length': '7' },
    });
    expect(await postWebhook(`http://127.0.0.1:${port}/moved`, {}, '{}', open)).toBe(302);
  });

  it('refuses loopback addresses and names unless private networks are allowed', async () => {
    const before = received.length;
    await expect(postWebhook(`http://127.0.0.1:${port}/`, {}, '{}', guarded)).rejects.toThrow(
      /must not point to/,
    );
    await expect(postWebhook(`http://localhost:${port}/`, {}, '{}', guarded)).rejects.toThrow(
      /must not point to/,
    );
    expect(received.length).toBe(before);
  });

  it('gives up after the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    await expect(
      postWebhook(url, {}, '{}', { timeoutMs: 200, allowPrivateNetworks: true }),
    ).rejects.toThrow(/timeout|aborted/i);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});
