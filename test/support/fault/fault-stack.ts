import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { findFreePort } from '../../../src/local';
import { FAULT_TIMINGS } from './fault-timings';
import { runCli, spawnNodeService, waitUntilAnswering, type NodeService } from './node-service';
import { OwnedPostgres } from './owned-postgres';
import { OwnedRedis } from '../owned-redis';

export interface FaultStackOptions {
  /** Redis keeps its data across a restart (append-only file). Default true. */
  redisPersistence?: boolean;
  /** Extra variables for both the API and the worker. */
  env?: Record<string, string>;
}

export const FAULT_REDIS_PREFIX = 'fault';

/**
 * The whole platform as separate processes over services the test owns: a PostgreSQL cluster and a
 * redis-server on free ports, the API (`dist/src/main.js`, migrating at start) and one worker
 * (`dist/src/worker.js`), with the admin and the model catalogue seeded through the CLI (`seed`).
 */
export class FaultStack {
  api!: NodeService;
  worker!: NodeService;
  readonly adminKey = `mlp_fault_admin_${randomBytes(16).toString('hex')}`;
  private apiPort = 0;
  private workerPort = 0;
  private readonly retired: NodeService[] = [];

  private constructor(
    readonly postgres: OwnedPostgres,
    readonly redis: OwnedRedis,
    private readonly storageDir: string,
    private readonly extraEnv: Record<string, string>,
  ) {}

  /** Starts everything; whatever did start is stopped again if a later step fails. */
  static async start(options: FaultStackOptions = {}): Promise<FaultStack> {
    const storageDir = await mkdtemp(join(tmpdir(), 'fault-storage-'));
    const started: { postgres?: OwnedPostgres; redis?: OwnedRedis; stack?: FaultStack } = {};
    try {
      started.postgres = await OwnedPostgres.start();
      started.redis = await OwnedRedis.start({ persistence: options.redisPersistence ?? true });
      const stack = new FaultStack(started.postgres, started.redis, storageDir, options.env ?? {});
      started.stack = stack;
      stack.apiPort = await findFreePort();
      await stack.startApi();
      // Once the API has migrated the database: the seeds (admin, catalogue, demo rows) and the worker.
      await Promise.all([runCli(stack.variables(), ['seed', '--demo']), stack.startWorker()]);
      return stack;
    } catch (error) {
      if (started.stack) await started.stack.dispose();
      else {
        await started.redis?.dispose();
        await started.postgres?.dispose();
        await rm(storageDir, { recursive: true, force: true });
      }
      throw error;
    }
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  get workerHealthUrl(): string {
    return `http://127.0.0.1:${this.workerPort}`;
  }

  /** supertest against the running API. */
  http(): TestAgent {
    return request(this.apiUrl) as unknown as TestAgent;
  }

  auth(): Record<string, string> {
    return { 'x-api-key': this.adminKey };
  }

  /** The environment both processes (and the CLI) run with. */
  variables(): Record<string, string> {
    return {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(this.apiPort),
      WORKER_HEALTH_PORT: String(this.workerPort),
      PUBLIC_URL: this.apiUrl,
      DATABASE_URL: this.postgres.databaseUrl,
      DB_MIGRATE_ON_START: 'true',
      REDIS_URL: this.redis.url,
      REDIS_KEY_PREFIX: FAULT_REDIS_PREFIX,
      LOG_LEVEL: 'warn',
      LOG_HTTP_REQUESTS: 'false',
      API_KEY_CACHE_SECONDS: '0',
      STORAGE_DRIVER: 'local',
      STORAGE_LOCAL_DIR: this.storageDir,
      FIRST_SUPERUSER_USERNAME: 'admin',
      FIRST_SUPERUSER_PASSWORD: 'admin-password-1',
      FIRST_SUPERUSER_API_KEY: this.adminKey,
      ...FAULT_TIMINGS,
      ...this.extraEnv,
    };
  }

  async startApi(): Promise<void> {
    this.api = spawnNodeService('main', { ...this.variables(), PROCESS_ROLE: 'api' });
    await waitUntilAnswering(this.api, `${this.apiUrl}/health/ready`);
  }

  /** Starts a worker (the previous one, if any, must have ended) and waits until it is ready. */
  async startWorker(): Promise<void> {
    if (this.worker) this.retired.push(this.worker);
    this.workerPort = await findFreePort();
    this.worker = spawnNodeService('worker', { ...this.variables(), DB_MIGRATE_ON_START: 'false' });
    await waitUntilAnswering(this.worker, `${this.workerHealthUrl}/health/ready`);
  }

  /** Starts a new worker if the current one has ended (so that one test's crash does not stop the next). */
  async ensureWorker(): Promise<void> {
    if (this.worker.exit !== undefined) await this.startWorker();
  }

  /** SIGKILLs the worker, as the OOM killer or a lost machine would. */
  async killWorker(): Promise<void> {
    this.worker.child.kill('SIGKILL');
    await this.worker.exited;
  }

  /** True while the worker process runs and answers its liveness probe. */
  async workerAlive(): Promise<boolean> {
    if (this.worker.exit !== undefined) return false;
    return fetch(`${this.workerHealthUrl}/health/live`, { signal: AbortSignal.timeout(3000) })
      .then((res) => res.ok)
      .catch(() => false);
  }

  /** The processes' and servers' recent output, for a failure message. */
  diagnostics(): string {
    const tail = (text: string): string =>
      text
        .split('\n')
        .slice(-12)
        .map((line) => (line.length > 240 ? `${line.slice(0, 240)}…` : line))
        .join('\n');
    return [
      `--- worker (exit ${String(this.worker?.exit)})\n${tail(this.worker?.output() ?? '')}`,
      `--- api (exit ${String(this.api?.exit)})\n${tail(this.api?.output() ?? '')}`,
    ].join('\n');
  }

  /** Stops the processes, then the servers, and removes every folder; safe after any failure. */
  async dispose(): Promise<void> {
    const processes = [this.worker, this.api, ...this.retired].filter(Boolean);
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
    await this.redis.dispose().catch(() => undefined);
    await this.postgres.dispose().catch(() => undefined);
    await rm(this.storageDir, { recursive: true, force: true });
  }
}
