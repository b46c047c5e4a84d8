export enum TaskStatus {
  Queued = 'queued',
  Running = 'running',
  Retrying = 'retrying',
  Succeeded = 'succeeded',
  Failed = 'failed',
  Canceled = 'canceled',
}

export const FINISHED_TASK_STATUSES = [
  TaskStatus.Succeeded,
  TaskStatus.Failed,
  TaskStatus.Canceled,
];
