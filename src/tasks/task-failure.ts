import { UnrecoverableError } from 'bullmq';

/**
 * A job outcome that retrying cannot change (e.g. invalid rows in an import). BullMQ fails it at once; the task
 * record keeps `message` as its error and `details` as its result, so the user sees exactly what was wrong.
 */
export class TaskFailure extends UnrecoverableError {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TaskFailure';
  }
}
