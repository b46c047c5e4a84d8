import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
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
} from './support/fault/fault-work';

/** Longer than the queue lock (5 s in the fault timings), so every running job loses its lock. */
const OUTAGE_MS = 8_000;
const SETTLE_MS = 30_000;
const ROWS = 20_000;

describe('fault: own Redis restarted while jobs are queued and running', () => {
  let stack: FaultStack;
  let since: Date;
  let image: Buffer;
  beforeAll(async () => {
    stack = await FaultStack.start({ redisPersistence: true });
    image = await busyImage();
  }, 180_000);
  beforeEach(async () => {
    await stack.ensureWorker();
    since = new Date();
  }, 60_000);
  afterAll(async () => {
    await stack?.dispose();
  }, 60_000);

  const running = (jobId: string) =>
    pollUntil(
      `job ${jobId} RUNNING`,
      async () => ((await jobRecord(stack, jobId)).status === 'RUNNING' ? true : undefined),
      30_000,
      50,
    );

  it('with persistence (append-only file kept): nothing stays open, each job and import takes effect once', async () => {
    const jobId = await createReliefJob(stack, image);
    const taskId = await startImport(stack, predictionCsv('RRP-', ROWS));
    await createReliefJob(stack, image);
    await running(jobId);
    await taskReaches(stack, taskId, ['running'], 30_000);

    await stack.redis.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await stack.redis.restart();

    await waitUntilSettled(stack, SETTLE_MS, since);
    await assertInvariants(stack, {
      since,
      allEnded: true,
      imports: [{ taskId, knrPrefix: 'RRP-', rows: ROWS }],
    });
  }, 120_000);

  it('without persistence (all queue data lost): the records of lost jobs are re-queued or ended, none stays open', async () => {
    const jobId = await createReliefJob(stack, image);
    const taskId = await startImport(stack, predictionCsv('RRL-', ROWS));
    await createReliefJob(stack, image);
    await running(jobId);
    await taskReaches(stack, taskId, ['running'], 30_000);

    await stack.redis.kill();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await stack.redis.restart({ losingData: true });

    await waitUntilSettled(stack, SETTLE_MS, since);
    await assertInvariants(stack, {
      since,
      allEnded: true,
      imports: [{ taskId, knrPrefix: 'RRL-', rows: ROWS }],
    });
  }, 120_000);
});
