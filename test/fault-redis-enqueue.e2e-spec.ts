import type { Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertInvariants, waitUntilSettled } from './support/fault/fault-invariants';
import { FaultStack } from './support/fault/fault-stack';
import {
  busyImage,
  predictionCsv,
  reliefJobRequest,
  uploadImage,
} from './support/fault/fault-work';

/** How long a client waits before it counts a request as hanging; the issue measured 24-36 s. */
const CLIENT_PATIENCE_MS = 10_000;

interface Reply {
  status: number | 'no answer';
  body: Record<string, unknown>;
  ms: number;
}

/** Sends `request` and reports its status and time, or "no answer" when it hangs past the client's patience. */
async function timed(request: Test): Promise<Reply> {
  const started = Date.now();
  try {
    const res = await request.timeout(CLIENT_PATIENCE_MS).ok(() => true);
    return {
      status: res.status,
      body: res.body as Record<string, unknown>,
      ms: Date.now() - started,
    };
  } catch (error) {
    return {
      status: 'no answer',
      body: { error: (error as Error).message },
      ms: Date.now() - started,
    };
  }
}

describe('fault: Redis down at enqueue time (own Redis stopped; API, worker, PostgreSQL up)', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await FaultStack.start();
  }, 180_000);
  afterAll(async () => {
    await stack?.dispose();
  }, 60_000);

  it('answers 503 within seconds to POST /jobs and /predictions/import and leaves no task queued without a queue job', async () => {
    const objectName = await uploadImage(stack, await busyImage(64, 48));
    await stack.redis.stop();
    let replies: Reply[];
    try {
      replies = await Promise.all([
        timed(
          stack.http().post('/api/v1/jobs').set(stack.auth()).send(reliefJobRequest(objectName)),
        ),
        timed(
          stack
            .http()
            .post('/api/v1/predictions/import')
            .set(stack.auth())
            .attach('file', predictionCsv('ENQ-', 5), 'enqueue.csv'),
        ),
      ]);
      const ready = await stack.http().get('/health/ready').timeout(CLIENT_PATIENCE_MS);
      expect(ready.status, 'readiness while Redis is down').toBe(503);
    } finally {
      await stack.redis.restart();
    }

    for (const reply of replies)
      expect
        .soft({ status: reply.status, fast: reply.ms < 5_000, error: reply.body.error })
        .toEqual({
          status: 503,
          fast: true,
          error: 'Service Unavailable',
        });
    // Whatever the API did with the two requests, it must not leave a record the queue knows nothing of.
    await waitUntilSettled(stack, 20_000);
    await assertInvariants(stack, { allEnded: true });
  }, 120_000);
});
