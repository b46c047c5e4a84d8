import { describe, expect, it } from 'vitest';
import { TrainingParamsError, TrainingProgress, trainRegressor } from '@app/inference';
import { loadLucasCounty } from '../libs/inference/src/testing/lucas-county';
import { runTrainingInThread } from '../src/realty/training/training-thread';

// Runs the compiled worker from dist/ (npm run build first, as for every integration spec).
describe('runTrainingInThread', () => {
  const data = loadLucasCounty(undefined, ['wall', 'garage']);
  const options = {
    algorithm: 'gradient_boosting' as const,
    seed: 7,
    params: { maxIterations: 60 },
  };

  it('trains in a worker thread, reports progress and leaves the event loop free', async () => {
    const progress: TrainingProgress[] = [];
    let ticks = 0;
    let ticksAtFirstProgress = -1;
    const timer = setInterval(() => ticks++, 1);
    const outcome = await runTrainingInThread(data, options, (p) => {
      if (ticksAtFirstProgress < 0) ticksAtFirstProgress = ticks;
      progress.push(p);
    }).finally(() => clearInterval(timer));

    // Timers fired while the thread trained: the main thread was never blocked by it.
    expect(ticks).toBeGreaterThan(ticksAtFirstProgress);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.map((p) => p.fraction)).toEqual(
      [...progress.map((p) => p.fraction)].sort((a, b) => a - b),
    );
    expect(progress.at(-1)).toEqual({ stage: 'exporting', fraction: 1 });
    expect(new Set(progress.map((p) => p.stage))).toEqual(
      new Set(['preparing', 'fitting', 'evaluating', 'exporting']),
    );

    // Same seed, same model as training on this thread.
    const local = trainRegressor(data, options);
    expect(outcome.metrics).toEqual(local.metrics);
    expect(outcome.holdout).toEqual(local.holdout);
    expect(Buffer.from(outcome.onnx).equals(Buffer.from(local.onnx))).toBe(true);
    expect(outcome.metrics.r2).toBeGreaterThan(0.8);
  });

  it('rejects with the trainer error when the parameters are invalid', async () => {
    await expect(
      runTrainingInThread(data, {
        algorithm: 'gradient_boosting',
        seed: 1,
        params: { learningRate: -1 },
      }),
    ).rejects.toThrow(TrainingParamsError);
  });

  it('rejects bad rows before a thread starts', async () => {
    const bad = { ...data, rows: [['x', ...data.rows[0].slice(1)], ...data.rows.slice(1)] };
    await expect(runTrainingInThread(bad, options)).rejects.toThrow(/row 0, column TLA/);
  });

  it('stops the thread when the signal aborts', async () => {
    const controller = new AbortController();
    const started = runTrainingInThread(
      data,
      { ...options, params: { maxIterations: 400, earlyStopping: false } },
      (p) => {
        if (p.stage === 'fitting') controller.abort(new Error('cancelled by the user'));
      },
      { signal: controller.signal },
    );
    await expect(started).rejects.toThrow('cancelled by the user');
  });
});
