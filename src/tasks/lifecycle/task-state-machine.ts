import { FINISHED_TASK_STATUSES, TaskStatus } from '../entities/task-status';

/**
 * The lifecycle of every background task, as data. A task is `queued`, `running` (reporting progress), possibly
 * `retrying` between attempts, and ends `succeeded`, `failed` or `canceled`. An ended task never moves again
 * except when a user asks for a new run (`retry`) or the reconciler re-queues a job Redis lost; a late event
 * (an `active` or `progress` after `completed`, a `completed` after a cancel) is ignored, not applied.
 */
export type TaskEvent =
  | 'start' // a worker took the job (again)
  | 'progress' // the running job reported progress
  | 'retry-later' // an attempt failed, BullMQ will try again
  | 'succeed'
  | 'fail'
  | 'cancel'
  | 'requeue' // the reconciler put back a job Redis lost
  | 'rerun'; // a user asked for a new run of a failed task

const OPEN: readonly TaskStatus[] = [TaskStatus.Queued, TaskStatus.Running, TaskStatus.Retrying];

const RULES: Record<TaskEvent, { from: readonly TaskStatus[]; to: TaskStatus }> = {
  start: { from: OPEN, to: TaskStatus.Running },
  progress: { from: [TaskStatus.Running], to: TaskStatus.Running },
  'retry-later': { from: OPEN, to: TaskStatus.Retrying },
  succeed: { from: OPEN, to: TaskStatus.Succeeded },
  fail: { from: OPEN, to: TaskStatus.Failed },
  cancel: { from: OPEN, to: TaskStatus.Canceled },
  requeue: { from: OPEN, to: TaskStatus.Queued },
  rerun: { from: [TaskStatus.Failed], to: TaskStatus.Queued },
};

export const OPEN_TASK_STATUSES = OPEN;

export const isEnded = (status: TaskStatus): boolean => FINISHED_TASK_STATUSES.includes(status);

/** The statuses `event` may be applied to: the guard of the conditional update that writes it. */
export const allowedPredecessors = (event: TaskEvent): readonly TaskStatus[] => RULES[event].from;

/** The status a task has after `event`. */
export const targetOf = (event: TaskEvent): TaskStatus => RULES[event].to;

/** The status after applying `event` to a task in `from`, or null when the event must be ignored. */
export function nextStatus(from: TaskStatus, event: TaskEvent): TaskStatus | null {
  return RULES[event].from.includes(from) ? RULES[event].to : null;
}
