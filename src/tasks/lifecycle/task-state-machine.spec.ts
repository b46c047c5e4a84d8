import { describe, expect, it } from 'vitest';
import { TaskStatus } from '../entities/task-status';
import { allowedPredecessors, nextStatus, type TaskEvent } from './task-state-machine';

const ALL = Object.values(TaskStatus);
const ENDED = [TaskStatus.Succeeded, TaskStatus.Failed, TaskStatus.Canceled];
const EVENTS: TaskEvent[] = [
  'start',
  'progress',
  'retry-later',
  'succeed',
  'fail',
  'cancel',
  'requeue',
  'rerun',
];

describe('task state machine', () => {
  it('runs a task from queued through running to each ending', () => {
    expect(nextStatus(TaskStatus.Queued, 'start')).toBe(TaskStatus.Running);
    expect(nextStatus(TaskStatus.Running, 'progress')).toBe(TaskStatus.Running);
    expect(nextStatus(TaskStatus.Running, 'retry-later')).toBe(TaskStatus.Retrying);
    expect(nextStatus(TaskStatus.Retrying, 'start')).toBe(TaskStatus.Running);
    expect(nextStatus(TaskStatus.Running, 'succeed')).toBe(TaskStatus.Succeeded);
    expect(nextStatus(TaskStatus.Running, 'fail')).toBe(TaskStatus.Failed);
    expect(nextStatus(TaskStatus.Queued, 'cancel')).toBe(TaskStatus.Canceled);
    expect(nextStatus(TaskStatus.Running, 'cancel')).toBe(TaskStatus.Canceled);
  });

  it('never moves an ended task on a worker event, whatever arrives late', () => {
    const workerEvents = EVENTS.filter((e) => e !== 'rerun');
    for (const ended of ENDED)
      for (const event of workerEvents) expect(nextStatus(ended, event)).toBeNull();
  });

  it('accepts progress only while running', () => {
    for (const status of ALL)
      expect(nextStatus(status, 'progress') !== null).toBe(status === TaskStatus.Running);
  });

  it('is idempotent: applying a start twice leaves the task running', () => {
    expect(nextStatus(nextStatus(TaskStatus.Queued, 'start')!, 'start')).toBe(TaskStatus.Running);
  });

  it('lets a user rerun only a failed task, and the reconciler requeue only an open one', () => {
    expect(allowedPredecessors('rerun')).toEqual([TaskStatus.Failed]);
    expect(nextStatus(TaskStatus.Succeeded, 'rerun')).toBeNull();
    expect(nextStatus(TaskStatus.Running, 'requeue')).toBe(TaskStatus.Queued);
    expect(nextStatus(TaskStatus.Failed, 'requeue')).toBeNull();
  });
});
