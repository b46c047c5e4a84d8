import type {
  FeatureTable,
  TrainingOptions,
  TrainingOutcome,
  TrainingProgress,
} from '@app/inference';

/** What the training thread receives as `workerData`. */
export interface TrainingThreadInput {
  table: FeatureTable;
  options: Omit<TrainingOptions, 'onProgress'>;
}

/** Messages from the training thread to its parent. */
export type TrainingThreadMessage =
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'done'; outcome: TrainingOutcome }
  | { type: 'failed'; name: string; message: string };
