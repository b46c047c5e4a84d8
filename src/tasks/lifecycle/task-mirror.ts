import type { TaskStatus } from '../entities/task-status';
import type { TaskEvent } from './task-state-machine';

/** One transition the platform wrote to a task record, as a module's mirror receives it. */
export interface TaskTransition {
  event: TaskEvent;
  taskId: string;
  jobId: string;
  queue: string;
  name: string;
  payload: Record<string, unknown>;
  status: TaskStatus;
  progress: number;
  error: string | null;
  result: unknown;
}

/**
 * How a module keeps its own record of a task (a 3D job's status, say) in step with the platform's: it
 * registers a mirror for its queues, called after every transition of their tasks, in order, in its own ORM
 * context. A mirror may be called again for the same transition after a failure, so it must be idempotent;
 * an error it throws is retried like the transition itself and never reaches the worker.
 */
export interface TaskMirror {
  mirror(transition: TaskTransition): Promise<void>;
  /**
   * Why a failed task of this module may not be run again through `POST /api/v1/tasks/{id}/retry` (its own
   * record has ended for good, say), or null when it may. Without this method every failed task may be retried.
   */
  refuseRerun?(task: { taskId: string; queue: string; name: string }): Promise<string | null>;
}
