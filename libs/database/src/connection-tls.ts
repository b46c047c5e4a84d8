import type { ConnectionOptions } from 'node:tls';

/** How the driver should use TLS: off, on without checking the server's certificate, or on and verified. */
export type ConnectionTls = false | ConnectionOptions;

const MODES: Record<string, ConnectionTls> = {
  disable: false,
  allow: false,
  // libpq's meaning: encrypted, the certificate not checked.
  prefer: { rejectUnauthorized: false },
  require: { rejectUnauthorized: false },
  'verify-ca': { rejectUnauthorized: true, checkServerIdentity: () => undefined },
  'verify-full': { rejectUnauthorized: true },
};

/** The `sslmode` values `DATABASE_URL` may carry. */
export const SSL_MODES = Object.keys(MODES);

/**
 * The TLS settings `DATABASE_URL`'s `sslmode` asks for, with libpq's meanings (MikroORM keeps only the URL's host,
 * port, user, password and database, so the mode is handed to the driver explicitly). Undefined without `sslmode`
 * (the driver's default: no TLS); an unknown mode is an error rather than a silent plain-text connection.
 */
export function connectionTlsOf(databaseUrl: string): ConnectionTls | undefined {
  const mode = new URL(databaseUrl).searchParams.get('sslmode');
  if (mode === null) return undefined;
  const tls = MODES[mode];
  if (tls === undefined)
    throw new Error(`DATABASE_URL: unknown sslmode "${mode}" (${SSL_MODES.join(', ')})`);
  return tls;
}
