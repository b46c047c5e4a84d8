import type { Worker } from 'node:worker_threads';
import { Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { evaluateMlp } from '../models/mlp-model';
import { SeededRandom } from '../testing/seeded-random';
import {
  oddBatchFailingBytes,
  slowMatMulBytes,
  tinyMlp,
  tinyMlpBytes,
} from '../testing/test-models';
import { LoadedModel } from './loaded-model';
import { sharedFeeds } from './threaded-session';

const rowsTensor = (rows: number[][], shared = false): Tensor => {
  const data = new Float32Array(
    shared ? new SharedArrayBuffer(rows.length * 16) : new ArrayBuffer(rows.length * 16),
  );
  data.set(rows.flat());
  return new Tensor('float32', data, [rows.length, 4]);
};

/** Event-loop turns (setImmediate) counted while `work` is pending. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const spin = (): void => {
    if (done) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  await work();
  done = true;
  return turns;
}

describe('LoadedModel in a thread of its own (ownThread)', () => {
  it('has the same signature and answers as in the calling thread, from copied or shared feeds', async () => {
    const model = await LoadedModel.load(tinyMlpBytes(3, { classes: 'a,b' }), { ownThread: true });
    try {
      expect(model.ownThread).toBe(true);
      expect(model.inputs).toEqual([
        { name: 'input', elementType: 'float32', shape: ['batch', 4] },
      ]);
      expect(model.outputNames).toEqual(['probability']);
      expect(model.metadataProps).toEqual({ classes: 'a,b' });
      const rows = new SeededRandom(8).matrix(5, 4);
      const expected = rows.flatMap((row) => evaluateMlp(tinyMlp(3), row));
      for (const shared of [false, true]) {
        const input = rowsTensor(rows, shared);
        const outputs = await model.run({ input });
        expect(outputs.probability).toBeInstanceOf(Tensor);
        expect(outputs.probability.dims).toEqual([5, 2]);
        Array.from(outputs.probability.data as Float32Array).forEach((value, i) =>
          expect(value).toBeCloseTo(expected[i], 5),
        );
        // The caller's feed is left as it was.
        expect(Array.from(input.data as Float32Array)).toEqual(
          Array.from(Float32Array.from(rows.flat())),
        );
      }
      const zeros = evaluateMlp(tinyMlp(3), [0, 0, 0, 0]);
      for (const probe of [await model.probe(), await model.probe()]) {
        expect(probe.probability.dims).toEqual([1, 2]);
        Array.from(probe.probability.data as Float32Array).forEach((value, i) =>
          expect(value).toBeCloseTo(zeros[i], 5),
        );
      }
    } finally {
      await model.release();
    }
  });

  it('keeps the event loop turning during a run, where a run in the calling thread holds it', async () => {
    const bytes = slowMatMulBytes();
    const x = () => ({
      x: new Tensor('float32', new Float32Array(64 * 512).fill(0.01), [64, 512]),
    });
    const [threaded, inline] = await Promise.all([
      LoadedModel.load(bytes, { ownThread: true, intraOpNumThreads: 1 }),
      LoadedModel.load(bytes, { intraOpNumThreads: 1 }),
    ]);
    try {
      const inThread = await turnsDuring(() => threaded.run(x()));
      const inCaller = await turnsDuring(() => inline.run(x()));
      expect(inCaller).toBeLessThanOrEqual(2);
      expect(inThread).toBeGreaterThan(20);
      const [a, b] = [await threaded.run(x()), await inline.run(x())];
      expect(Array.from(a.y.data as Float32Array)).toEqual(Array.from(b.y.data as Float32Array));
    } finally {
      await Promise.all([threaded.release(), inline.release()]);
    }
  });

  it('runs concurrent requests in order, rejects a failing run with its error and goes on', async () => {
    const model = await LoadedModel.load(oddBatchFailingBytes(), {
      ownThread: true,
      warmUp: false,
      logSeverityLevel: 4,
    });
    try {
      const feed = (batch: number, value: number) => ({
        x: new Tensor('float32', new Float32Array(batch * 3).fill(value), [batch, 3]),
      });
      const results = await Promise.allSettled([
        model.run(feed(2, 1)),
        model.run(feed(1, 2)),
        model.run(feed(4, 3)),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const [first, failed, third] = results;
      expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      expect(String((failed as PromiseRejectedResult).reason.message)).toMatch(/reshape/i);
      const y = (result: PromiseSettledResult<Record<string, Tensor>>) =>
        (result as PromiseFulfilledResult<Record<string, Tensor>>).value.y;
      expect(y(first).dims).toEqual([2, 3]);
      expect(new Set(y(first).data as Float32Array)).toEqual(new Set([1]));
      expect(y(third).dims).toEqual([2, 6]);
      expect(new Set(y(third).data as Float32Array)).toEqual(new Set([3]));
    } finally {
      await model.release();
    }
  });

  it('refuses bytes that are not a model, and runs once released', async () => {
    await expect(
      LoadedModel.load(Uint8Array.from([1, 2, 3]), { ownThread: true }),
    ).rejects.toThrow();
    const model = await LoadedModel.load(tinyMlpBytes(1), { ownThread: true });
    await model.release();
    await model.release();
    await expect(model.run({ input: rowsTensor([[0, 0, 0, 0]]) })).rejects.toThrow(/released/);
  });

  it('fails the run in progress and every later one when its thread dies', async () => {
    const model = await LoadedModel.load(slowMatMulBytes(), { ownThread: true });
    // The thread, as a crash would end it (not reachable through the API).
    const thread = (model as unknown as { session: { worker: Worker } }).session.worker;
    const x = { x: new Tensor('float32', new Float32Array(64 * 512), [64, 512]) };
    const running = model.run(x);
    await thread.terminate();
    await expect(running).rejects.toThrow(/ONNX Runtime session thread stopped/);
    await expect(model.run(x)).rejects.toThrow(/ONNX Runtime session thread stopped/);
    await model.release();
  });

  it('refuses feeds that cannot cross to its thread, and goes on', async () => {
    const model = await LoadedModel.load(tinyMlpBytes(1), { ownThread: true });
    try {
      const input = rowsTensor([[1, 2, 3, 4]]);
      const uncloneable = { type: 'float32', dims: [1, 4], data: () => 0 } as unknown as Tensor;
      await expect(model.run({ input: uncloneable })).rejects.toThrow(/could not be cloned/);
      // Nothing is left waiting for an answer (a waiting run keeps the process alive).
      expect(
        (model as unknown as { session: { pending: Map<number, unknown> } }).session.pending.size,
      ).toBe(0);
      expect((await model.run({ input })).probability.dims).toEqual([1, 2]);
    } finally {
      await model.release();
    }
  });

  it('copies feeds onto shared memory for reuse, leaving string tensors as they are', () => {
    const words = new Tensor('string', ['a', 'b'], [2]);
    const ids = new Tensor('int64', BigInt64Array.from([1n, 2n, 3n]), [1, 3]);
    const shared = sharedFeeds({ input: rowsTensor([[1, 2, 3, 4]]), words, ids });
    expect(shared.input.data).toBeInstanceOf(Float32Array);
    expect((shared.input.data as Float32Array).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.input.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect(shared.input.dims).toEqual([1, 4]);
    expect((shared.ids.data as BigInt64Array).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.ids.data as BigInt64Array)).toEqual([1n, 2n, 3n]);
    expect(shared.words).toBe(words);
  });
});
