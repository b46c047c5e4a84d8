import { parentPort, workerData } from 'node:worker_threads';
// The trainer module itself rather than the @app/inference index: the thread then loads neither
// Nest nor ONNX Runtime.
import { trainRegressorOnTable } from '@app/inference/training/regression/train-regressor';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-thread-protocol';

/** Entry point of the training thread started by `runTrainingInThread`. */
function run(): void {
  const port = parentPort;
  if (!port) throw new Error('training-worker must run in a worker thread');
  const post = (message: TrainingThreadMessage, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer);
  const { table, options } = workerData as TrainingThreadInput;
  try {
    const outcome = trainRegressorOnTable(table, {
      ...options,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', outcome }, [outcome.onnx.buffer as ArrayBuffer]);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    post({ type: 'failed', name: failure.name, message: failure.message });
  }
}

run();
