import { join } from 'node:path';
import { LOOPBACK_HOST } from './free-port';
import { isRecord, JsonStateFile, optionalPositiveInt } from './json-state-file';

/** The application database `npm start` creates in the embedded cluster. */
export const EMBEDDED_DATABASE = 'ml_platform';

/** Remembered between runs: the password is fixed at initdb, the port is reused when free. */
export interface EmbeddedPostgresState {
  password: string;
  port: number;
  /** The node process that last started the cluster, to tell an orphaned server from a live one. */
  launcherPid?: number;
}

function parseState(raw: unknown): EmbeddedPostgresState | undefined {
  if (!isRecord(raw) || typeof raw.password !== 'string' || raw.password === '') return undefined;
  const port = optionalPositiveInt(raw, 'port');
  if (port === undefined) return undefined;
  return { password: raw.password, port, launcherPid: optionalPositiveInt(raw, 'launcherPid') };
}

export function embeddedPostgresStateFile(baseDir: string): JsonStateFile<EmbeddedPostgresState> {
  return new JsonStateFile(join(baseDir, 'embedded-postgres.json'), parseState);
}

/** The application's connection URL to the cluster this state describes. */
export function embeddedPostgresUrl(state: EmbeddedPostgresState, database: string): string {
  return `postgresql://postgres:${encodeURIComponent(state.password)}@${LOOPBACK_HOST}:${state.port}/${database}`;
}
