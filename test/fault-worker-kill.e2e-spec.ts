import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertInvariants, waitUntilSettled } from './support/fault/fault-invariants';
import { FaultStack } from './support/fault/fault-stack';
import {
  busyImage,
  createReliefJob,
  jobRecord,
  pollUntil,
  predictionCsv,
  startImport,
  taskReaches,
  taskRecord,
} from './support/fault/fault-work';

const ROWS = 20_000;

describe('fault: worker SIGKILLed while it runs an import and a 3D job', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    // A longer lock and one spare stall: on a busy machine a CPU-bound step can delay a live worker's lock
    // renewal, which must not be taken for the death this test causes.
    stack = await FaultStack.start({
      env: { QUEUE_LOCK_DURATION_MS: '10000', QUEUE_MAX_STALLED_COUNT: '2' },
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.dispose();
  }, 60_000);

  it('a new worker takes both up again once their locks run out: each takes effect once, nothing stays open', async () => {
    const since = new Date();
    const jobId = await createReliefJob(stack, await busyImage());
    const taskId = await startImport(stack, predictionCsv('WKL-', ROWS));
    await taskReaches(stack, taskId, ['running'], 30_000);
    await pollUntil(
      `job ${jobId} RUNNING`,
      async () => ((await jobRecord(stack, jobId)).status === 'RUNNING' ? true : undefined),
      30_000,
      50,
    );

    await stack.killWorker();
    expect((await taskRecord(stack, taskId)).status, 'the import was still running').toBe(
      'running',
    );
    await stack.startWorker();

    await waitUntilSettled(stack, 45_000, since);
    const task = await taskRecord(stack, taskId);
    expect.soft(task.status, `import: ${task.error}`).toBe('succeeded');
    const job = await jobRecord(stack, jobId);
    expect.soft(job.status, `3D job: ${job.error}`).toBe('SUCCEEDED');
    await assertInvariants(stack, {
      since,
      allEnded: true,
      imports: [{ taskId, knrPrefix: 'WKL-', rows: ROWS }],
    });
  }, 150_000);
});
