import { ConnectionException } from '@mikro-orm/core';

/** Socket-level failures: the server is down, restarting or unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * PostgreSQL SQLSTATEs meaning "not now" rather than "never": class 08 (connection exception), 57P01 admin
 * shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or in recovery), 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** What the pg driver and knex's pool say when a connection dies or none can be had. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|terminating connection due to administrator command|Timeout acquiring a connection|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * True when `error` (or an error it wraps) says the database cannot be reached at the moment — a state that
 * passes, unlike a bad query or bad data. The HTTP layer answers such failures with 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    if (e instanceof ConnectionException) return true;
    const code = String((e as { code?: unknown }).code ?? '');
    if (SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
    if (e.name === 'KnexTimeoutError' || UNAVAILABLE_MESSAGE.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
