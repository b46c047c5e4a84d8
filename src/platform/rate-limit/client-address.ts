import type { IncomingMessage } from 'node:http';

/**
 * The caller's address as Express computes `req.ip` with `trust proxy` set to 1 (one reverse proxy or ingress in
 * front): the last `X-Forwarded-For` entry when there is one, else the socket's peer. Computed here because lean
 * routes are answered before Express.
 */
export function clientAddressOf(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (typeof forwarded === 'string' && forwarded.length > 0) {
    const last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
