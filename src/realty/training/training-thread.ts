import { Worker } from 'node:worker_threads';
import {
  TabularTrainingData,
  TrainingDataError,
  TrainingOptions,
  TrainingOutcome,
  TrainingParamsError,
  TrainingProgress,
  builtScript,
  featureTableFromRows,
  featureTableTransferList,
} from '@app/inference';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-thread-protocol';

/** The compiled worker script (see builtScript). */
export const trainingWorkerScript = (): string =>
  builtScript(__dirname, 'src/realty/training', 'training-worker.js', 'training worker script');

function rebuildError(name: string, message: string): Error {
  if (name === 'TrainingDataError') return new TrainingDataError(message);
  if (name === 'TrainingParamsError') return new TrainingParamsError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}

/**
 * Trains in a worker thread so the calling event loop stays free. The rows are converted to typed
 * columns here (bad rows reject before a thread starts) and their buffers moved, not copied, to
 * the thread; the ONNX bytes come back the same way. Aborting `control.signal` stops the thread and
 * rejects with the signal's reason.
 */
export async function runTrainingInThread(
  data: TabularTrainingData,
  options: Omit<TrainingOptions, 'onProgress'>,
  onProgress: (progress: TrainingProgress) => void = () => undefined,
  control: { signal?: AbortSignal } = {},
): Promise<TrainingOutcome> {
  control.signal?.throwIfAborted();
  const table = featureTableFromRows(data);
  const input: TrainingThreadInput = { table, options };
  const worker = new Worker(trainingWorkerScript(), {
    workerData: input,
    transferList: featureTableTransferList(table),
  });
  return new Promise<TrainingOutcome>((resolvePromise, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: TrainingThreadMessage) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') settle(() => resolvePromise(message.outcome));
      else settle(() => reject(rebuildError(message.name, message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    control.signal?.addEventListener(
      'abort',
      () => settle(() => reject(control.signal?.reason ?? new Error('training aborted'))),
      { once: true },
    );
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`training thread exited with code ${code} before finishing`))),
    );
  });
}
