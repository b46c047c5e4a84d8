import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertInvariants, waitUntilSettled } from './support/fault/fault-invariants';
import { FaultStack } from './support/fault/fault-stack';
import {
  busyImage,
  createReliefJob,
  jobRecord,
  pollUntil,
  predictionCsv,
  startImport,
  taskRecord,
  taskReaches,
} from './support/fault/fault-work';

/** Long enough for every attempt in flight to meet the outage (the issue saw jobs fail for good after ~6 s). */
const OUTAGE_MS = 20_000;
const SETTLE_MS = 30_000;
const READABLE_ERROR = /^[^\n]{1,500}$/;

describe('fault: own PostgreSQL stopped while the worker runs a job', () => {
  let stack: FaultStack;
  let since: Date;
  beforeAll(async () => {
    stack = await FaultStack.start();
  }, 180_000);
  beforeEach(async () => {
    await stack.ensureWorker();
    since = new Date();
  }, 60_000);
  afterAll(async () => {
    await stack?.dispose();
  }, 60_000);

  /** Keeps PostgreSQL down for OUTAGE_MS, started again whatever happens. */
  const outage = async (down: () => Promise<void>): Promise<void> => {
    await down();
    try {
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    } finally {
      await stack.postgres.restart();
    }
  };

  it('a RUNNING 3D job during a fast shutdown: the worker survives, the job ends, job and task agree', async () => {
    const jobId = await createReliefJob(stack, await busyImage());
    await pollUntil(
      `job ${jobId} RUNNING`,
      async () => ((await jobRecord(stack, jobId)).status === 'RUNNING' ? true : undefined),
      30_000,
      50,
    );
    await outage(() => stack.postgres.stop());

    await waitUntilSettled(stack, SETTLE_MS, since);
    expect.soft(await stack.workerAlive(), `worker alive\n${stack.diagnostics()}`).toBe(true);
    const job = await jobRecord(stack, jobId);
    expect.soft(job.status, 'job ended').toMatch(/^(SUCCEEDED|FAILED)$/);
    if (job.status === 'FAILED') expect.soft(job.error).toMatch(READABLE_ERROR);
    await assertInvariants(stack, { since, allEnded: true });
  }, 120_000);

  it('a running CSV import during a postmaster crash (SIGKILL): it ends, its rows exist once or not at all', async () => {
    const rows = 20_000;
    const taskId = await startImport(stack, predictionCsv('PGO-', rows));
    await taskReaches(stack, taskId, ['running'], 30_000);
    await outage(() => stack.postgres.kill());

    await waitUntilSettled(stack, SETTLE_MS, since);
    expect.soft(await stack.workerAlive(), `worker alive\n${stack.diagnostics()}`).toBe(true);
    const task = await taskRecord(stack, taskId);
    expect.soft(task.status, 'import ended').toMatch(/^(succeeded|failed)$/);
    if (task.status === 'failed') expect.soft(task.error).toMatch(READABLE_ERROR);
    await assertInvariants(stack, {
      since,
      allEnded: true,
      imports: [{ taskId, knrPrefix: 'PGO-', rows }],
    });
  }, 120_000);
});
