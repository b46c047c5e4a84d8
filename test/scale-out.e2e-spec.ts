import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import {
  runCli,
  spawnNodeService,
  waitUntilAnswering,
  type NodeService,
} from './support/fault/node-service';
import { predictionCsv } from './support/fault/fault-work';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  testEnvironmentVariables,
} from './support/test-app';

const IMPORTS_PER_API = 4;
const ROWS_PER_IMPORT = 150;
const RELIEF_JOBS_PER_API = 3;

interface Api {
  url: string;
  process: NodeService;
}

/**
 * Horizontal scale: two API processes and two worker processes (the compiled entry points, as separate pods
 * would run them) on one PostgreSQL database and one Redis prefix. Work goes in through both APIs; every job must
 * run exactly once — counted from what the handlers write, not from task statuses — and leave no task open.
 */
describe('scale-out: two APIs and two workers share the work', () => {
  let db: { name: string; url: string; prefix: string };
  let sql: Client;
  let storageDir: string;
  let variables: Record<string, string>;
  const apis: Api[] = [];
  const workers: { process: NodeService; port: number }[] = [];
  const auth = (): Record<string, string> => ({ 'x-api-key': variables.FIRST_SUPERUSER_API_KEY });

  beforeAll(async () => {
    db = await createTestDatabase();
    storageDir = await mkdtemp(join(tmpdir(), 'scale-out-storage-'));
    variables = testEnvironmentVariables(db.url, db.prefix, {
      HOST: '127.0.0.1',
      LOG_HTTP_REQUESTS: 'false',
      DB_MIGRATE_ON_START: 'false',
      STORAGE_DRIVER: 'local',
      // One disk and one signing key for every process, as S3 and a shared Secret give pods.
      STORAGE_LOCAL_DIR: storageDir,
      STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
      QUEUE_CONCURRENCY: '2',
    });
    // What the migrate and seed Jobs do: migrations, then production seeds (admin, catalogues).
    await runCli(variables, ['migrate', 'up']);
    await runCli(variables, ['seed']);
    for (let i = 0; i < 2; i++) {
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      const env = { ...variables, PROCESS_ROLE: 'api', PORT: String(port), PUBLIC_URL: url };
      apis.push({ url, process: spawnNodeService('main', env) });
      const healthPort = await findFreePort();
      const workerEnv = { ...variables, WORKER_HEALTH_PORT: String(healthPort) };
      workers.push({ process: spawnNodeService('worker', workerEnv), port: healthPort });
    }
    await Promise.all([
      ...apis.map((api) => waitUntilAnswering(api.process, `${api.url}/health/ready`)),
      ...workers.map((w) =>
        waitUntilAnswering(w.process, `http://127.0.0.1:${w.port}/health/ready`),
      ),
    ]);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([...apis, ...workers].map(({ process }) => process.stop()));
    await rm(storageDir, { recursive: true, force: true });
    await dropTestDatabase(db.name, db.prefix);
  });

  const post = async (
    api: Api,
    path: string,
    body: string | FormData,
    json = true,
  ): Promise<string> => {
    const res = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { ...auth(), ...(json ? { 'content-type': 'application/json' } : {}) },
      body,
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };

  const importCsv = (api: Api, prefix: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([predictionCsv(prefix, ROWS_PER_IMPORT)]), `${prefix}.csv`);
    return post(api, '/api/v1/predictions/import', form, false);
  };

  const reliefJob = async (api: Api, image: Buffer): Promise<string> => {
    const ticketRes = await fetch(`${api.url}/api/v1/jobs/upload-ticket`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'relief.png', content_type: 'image/png' }),
    });
    const ticket = (await ticketRes.json()) as {
      upload_url: string;
      headers: Record<string, string>;
      object_name: string;
    };
    const put = await fetch(ticket.upload_url, {
      method: 'PUT',
      headers: ticket.headers,
      body: image,
    });
    expect(put.status).toBe(200);
    const body = {
      model_id: 'relief-v1',
      input_params: { image_path: ticket.object_name, resolution: 64, smoothing: 1 },
    };
    return post(api, '/api/v1/jobs', JSON.stringify(body));
  };

  it('runs every import and 3D job sent through either API exactly once', async () => {
    const image = await sharp({
      create: { width: 96, height: 64, channels: 3, background: { r: 90, g: 140, b: 200 } },
    })
      .png()
      .toBuffer();
    const imports: { prefix: string; taskId: string }[] = [];
    const jobIds: string[] = [];
    await Promise.all(
      apis.flatMap((api, a) => [
        ...Array.from({ length: IMPORTS_PER_API }, async (_, i) => {
          const prefix = `SCALE${a}X${i}K`;
          imports.push({ prefix, taskId: await importCsv(api, prefix) });
        }),
        ...Array.from({ length: RELIEF_JOBS_PER_API }, async () => {
          jobIds.push(await reliefJob(api, image));
        }),
      ]),
    );
    expect(imports).toHaveLength(2 * IMPORTS_PER_API);
    expect(jobIds).toHaveLength(2 * RELIEF_JOBS_PER_API);

    // Every task ends; either API reports the same state (read through the other one than it was sent to).
    await eventually(
      async () => {
        const { rows } = await sql.query<{ open: string }>(
          `select count(*) as open from tasks
            where queue in ('predictions', 'jobs-builtin') and status not in ('succeeded', 'failed', 'canceled')`,
        );
        return Number(rows[0].open) === 0 ? true : undefined;
      },
      120_000,
      250,
    );
    const task = await fetch(`${apis[1].url}/api/v1/tasks/${imports[0].taskId}`, {
      headers: auth(),
    });
    expect(((await task.json()) as { status: string }).status).toBe('succeeded');

    const tasks = await sql.query<{ queue: string; status: string; attempts: number }>(
      `select queue, status::text, attempts from tasks where queue in ('predictions', 'jobs-builtin')`,
    );
    expect(tasks.rows).toHaveLength(imports.length + jobIds.length);
    for (const row of tasks.rows) expect(row).toMatchObject({ status: 'succeeded', attempts: 1 });

    // Imports: each file's rows written once, one completion per task.
    for (const { prefix, taskId } of imports) {
      const rows = await sql.query<{ count: string }>(
        'select count(*) from predictions where knr like $1',
        [`${prefix}%`],
      );
      expect(Number(rows.rows[0].count), prefix).toBe(ROWS_PER_IMPORT);
      const completions = await sql.query('select 1 from import_completions where task_id = $1', [
        taskId,
      ]);
      expect(completions.rowCount).toBe(1);
    }
    // 3D jobs: the input is recorded at creation; a second run of the handler would add a second output and preview
    // and log success twice.
    for (const jobId of jobIds) {
      const artifacts = await sql.query<{ kind: string }>(
        'select kind::text from artifacts where job_id = $1 order by kind',
        [jobId],
      );
      expect(artifacts.rows.map((row) => row.kind).sort()).toEqual(['INPUT', 'OUTPUT', 'PREVIEW']);
      const successes = await sql.query(
        `select 1 from job_events where job_id = $1 and type = 'status' and payload->>'status' = 'SUCCEEDED'`,
        [jobId],
      );
      expect(successes.rowCount, jobId).toBe(1);
      const job = await sql.query<{ status: string }>(
        'select status::text from jobs where id = $1',
        [jobId],
      );
      expect(job.rows[0].status).toBe('SUCCEEDED');
    }
  });

  it('leaves nothing waiting or running in the queues, and all four processes ready', async () => {
    const res = await fetch(`${apis[0].url}/api/v1/queues`, { headers: auth() });
    const queues = (await res.json()) as {
      name: string;
      counts: Record<string, number>;
      workers: number;
    }[];
    for (const name of ['predictions', 'jobs-builtin']) {
      const queue = queues.find((q) => q.name === name);
      expect(queue?.counts, name).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
      // Both worker processes are connected to each queue they run.
      expect(queue?.workers, name).toBe(2);
    }
    for (const url of [
      ...apis.map((api) => api.url),
      ...workers.map((w) => `http://127.0.0.1:${w.port}`),
    ])
      expect((await fetch(`${url}/health/ready`)).status, url).toBe(200);
  });
});
