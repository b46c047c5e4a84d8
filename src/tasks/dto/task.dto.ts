import { ApiProperty } from '@nestjs/swagger';
import { TaskStatus } from '../entities/task-status';
import type { Task } from '../entities/task.entity';

export class TaskDto {
  id: string;
  /** @example housekeeping */
  queue: string;
  /** @example purge-api-keys */
  name: string;
  ownerId: string | null;
  status: TaskStatus;
  /** 0-100 @example 40 */
  @ApiProperty({ type: 'integer' })
  progress: number;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { retentionDays: 30 } })
  payload: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The job result once succeeded',
    example: { deleted: 3 },
  })
  result: unknown;
  /** Reason of the last failure. */
  error: string | null;
  @ApiProperty({ type: 'integer' })
  attempts: number;
  @ApiProperty({ type: 'integer' })
  maxAttempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;

  static from(task: Task): TaskDto {
    return Object.assign(new TaskDto(), {
      id: task.id,
      queue: task.queue,
      name: task.name,
      ownerId: task.owner?.id ?? null,
      status: task.status,
      progress: task.progress,
      payload: task.payload,
      result: task.result,
      error: task.error,
      attempts: task.attempts,
      maxAttempts: task.maxAttempts,
      createdAt: task.createdAt,
      startedAt: task.startedAt,
      finishedAt: task.finishedAt,
      updatedAt: task.updatedAt,
    });
  }
}
