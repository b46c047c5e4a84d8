import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { findFreePort } from '../../src/local';

/** An s3rver on a free loopback port, with its data in a temp directory. Accepts any signature (V4 unchecked). */
export interface TestS3Server {
  endpoint: string;
  port: number;
  /** Env overrides that point the app at this server (`STORAGE_DRIVER=s3`, credentials, bucket). */
  env: Record<string, string>;
  /** Stops answering (drops open connections too), keeping the data. */
  stop(): Promise<void>;
  /** Starts again on the same port: with the same data, or an empty store when `fresh`. */
  restart(options?: { fresh?: boolean }): Promise<void>;
  /** Stops and deletes the data. */
  dispose(): Promise<void>;
}

export const S3RVER_CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' };

export async function startS3rver(
  options: { port?: number; bucket?: string } = {},
): Promise<TestS3Server> {
  const port = options.port ?? (await findFreePort());
  const directories: string[] = [];
  let server: S3rver | undefined;

  const start = async (fresh: boolean): Promise<void> => {
    if (fresh || directories.length === 0) {
      directories.push(await mkdtemp(join(tmpdir(), 'mlp-s3rver-')));
    }
    const directory = directories[directories.length - 1];
    server = new S3rver({ address: '127.0.0.1', port, silent: true, directory });
    await server.run();
  };
  const stop = async (): Promise<void> => {
    const running = server;
    server = undefined;
    if (!running) return;
    const closed = running.close();
    running.httpServer?.closeAllConnections();
    await closed;
  };

  await start(true);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    env: {
      STORAGE_DRIVER: 's3',
      MINIO_ENDPOINT: endpoint,
      MINIO_ACCESS_KEY: S3RVER_CREDENTIALS.accessKey,
      MINIO_SECRET_KEY: S3RVER_CREDENTIALS.secretKey,
      MINIO_BUCKET: options.bucket ?? 'mlp-test',
    },
    stop,
    restart: async ({ fresh = false } = {}) => {
      await stop();
      await start(fresh);
    },
    dispose: async () => {
      await stop();
      await Promise.all(directories.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
