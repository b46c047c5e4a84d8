import { Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SeededRandom } from '../testing/seeded-random';
import { tinyMlpBytes, twoInputAddBytes } from '../testing/test-models';
import { InferenceFeeds, InferenceOutputs } from './inference-types';
import { LoadedModel } from './loaded-model';
import { MicroBatcher } from './micro-batcher';

const row = (values: number[]): Tensor =>
  new Tensor('float32', Float32Array.from(values), [1, values.length]);

describe('MicroBatcher', () => {
  let mlp: LoadedModel;
  let adder: LoadedModel;

  beforeAll(async () => {
    mlp = await LoadedModel.load(tinyMlpBytes(3));
    adder = await LoadedModel.load(twoInputAddBytes());
  });

  afterAll(async () => {
    await mlp.release();
    await adder.release();
  });

  it('gives every concurrent caller the same result as an unbatched run, in fewer session runs', async () => {
    const execute = vi.fn((feeds: InferenceFeeds) => mlp.run(feeds));
    const batcher = new MicroBatcher(execute, mlp.inputs, { windowMs: 2, maxBatch: 16 });
    const random = new SeededRandom(8);
    const rows = random.matrix(100, 4);

    const batched = await Promise.all(rows.map((values) => batcher.run({ input: row(values) })));
    const unbatched = await Promise.all(rows.map((values) => mlp.run({ input: row(values) })));

    expect(execute.mock.calls.length).toBe(7); // ceil(100 / 16)
    batched.forEach((outputs, i) => {
      expect(outputs.probability.dims).toEqual([1, 2]);
      const got = Array.from(outputs.probability.data as Float32Array);
      const want = Array.from(unbatched[i].probability.data as Float32Array);
      expect(got).toEqual(want);
    });
  });

  it('waits up to the window for a batch smaller than maxBatch, then runs it once', async () => {
    const execute = vi.fn((feeds: InferenceFeeds) => mlp.run(feeds));
    const batcher = new MicroBatcher(execute, mlp.inputs, { windowMs: 5, maxBatch: 1000 });

    const pending = [1, 2, 3].map((v) => batcher.run({ input: row([v, v, v, v]) }));
    expect(batcher.pending).toBe(3);
    expect(execute).not.toHaveBeenCalled();
    await Promise.all(pending);

    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0][0].input.dims).toEqual([3, 4]);
  });

  it('concatenates and splits every input and output of a multi-input model', async () => {
    const batcher = new MicroBatcher((feeds) => adder.run(feeds), adder.inputs, {
      windowMs: 0,
      maxBatch: 8,
    });

    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => batcher.run({ a: row([i, i, i]), b: row([10 * i, 1, 2]) })),
    );

    expect(results.map((outputs) => Array.from(outputs.sum.data as Float32Array))).toEqual(
      [0, 1, 2, 3, 4].map((i) => [11 * i, i + 1, i + 2]),
    );
  });

  it('rejects every caller of a failed batch with the error', async () => {
    const failure = new Error('session exploded');
    const batcher = new MicroBatcher(() => Promise.reject(failure), mlp.inputs, {
      windowMs: 1,
      maxBatch: 4,
    });

    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5, 6].map((v) => batcher.run({ input: row([v, 0, 0, 0]) })),
    );

    expect(results.map((result) => result.status)).toEqual(Array(6).fill('rejected'));
    results.forEach((result) => expect((result as PromiseRejectedResult).reason).toBe(failure));
  });

  it('rejects the batch when an output cannot be split per row', async () => {
    const scalar: InferenceOutputs = { total: new Tensor('float32', new Float32Array([1]), [1]) };
    const batcher = new MicroBatcher(() => Promise.resolve(scalar), mlp.inputs, {
      windowMs: 1,
      maxBatch: 2,
    });

    const results = await Promise.allSettled([
      batcher.run({ input: row([1, 2, 3, 4]) }),
      batcher.run({ input: row([1, 2, 3, 4]) }),
    ]);

    results.forEach((result) =>
      expect((result as PromiseRejectedResult).reason.message).toMatch(/cannot be split/),
    );
  });

  it('accepts only single rows of the declared type and width', () => {
    const batcher = new MicroBatcher((feeds) => mlp.run(feeds), mlp.inputs, {
      windowMs: 1,
      maxBatch: 8,
    });

    expect(batcher.accepts({ input: row([1, 2, 3, 4]) })).toBe(true);
    expect(batcher.accepts({ input: new Tensor('float32', new Float32Array(8), [2, 4]) })).toBe(
      false,
    );
    expect(batcher.accepts({ input: row([1, 2, 3]) })).toBe(false);
    expect(batcher.accepts({ input: new Tensor('float64', new Float64Array(4), [1, 4]) })).toBe(
      false,
    );
    expect(batcher.accepts({ other: row([1, 2, 3, 4]) })).toBe(false);
  });

  it('supports only models whose inputs are all [dynamic batch, fixed width]', () => {
    expect(MicroBatcher.supports(mlp.inputs)).toBe(true);
    expect(MicroBatcher.supports([{ name: 'x', elementType: 'float32', shape: [1, 4] }])).toBe(
      false,
    );
    expect(
      MicroBatcher.supports([{ name: 'x', elementType: 'float32', shape: ['n', 3, 640, 640] }]),
    ).toBe(false);
    expect(MicroBatcher.supports([{ name: 'x', elementType: 'string', shape: ['n', 1] }])).toBe(
      false,
    );
    expect(
      MicroBatcher.supports([{ name: 'x', elementType: 'float32', shape: ['n', 'features'] }]),
    ).toBe(false);
    expect(
      () => new MicroBatcher((feeds) => mlp.run(feeds), [], { windowMs: 1, maxBatch: 2 }),
    ).toThrow();
  });
});
