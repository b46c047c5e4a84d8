import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ObjectStorage } from '../../storage/object-storage';
import { Task } from '../../tasks/entities/task.entity';
import { TaskStatus } from '../../tasks/entities/task-status';
import type { TrainingRun } from '../entities/training-run.entity';
import type { TrainingRunDto } from './training-run.dto';

/** Training runs as the API shows them: with their task's status and progress and a chart URL. */
@Injectable()
export class TrainingRunPresenter {
  constructor(
    private readonly em: EntityManager,
    private readonly storage: ObjectStorage,
  ) {}

  async one(run: TrainingRun): Promise<TrainingRunDto> {
    return (await this.many([run]))[0];
  }

  async many(runs: TrainingRun[]): Promise<TrainingRunDto[]> {
    const tasks = await this.em.find(Task, { id: { $in: runs.map((r) => r.taskId) } });
    const byId = new Map(tasks.map((task) => [task.id, task]));
    return Promise.all(runs.map((run) => this.describe(run, byId.get(run.taskId))));
  }

  private async describe(run: TrainingRun, task: Task | undefined): Promise<TrainingRunDto> {
    const chartUrl = run.chartKey ? (await this.storage.presignGet(run.chartKey)).url : null;
    return {
      id: run.id,
      taskId: run.taskId,
      status: task?.status ?? TaskStatus.Queued,
      progress: task?.progress ?? 0,
      error: task?.error ?? null,
      datasetId: run.dataset.id,
      algorithm: run.algorithm,
      seed: run.seed,
      features: run.features,
      params: run.params,
      dataHash: run.dataHash,
      metrics: run.metrics,
      featureImportance: run.featureImportance,
      durationMs: run.durationMs,
      trainRows: run.trainRows,
      holdoutRows: run.holdoutRows,
      modelVersion: run.modelVersion,
      chartUrl,
      createdAt: run.createdAt,
      finishedAt: task?.finishedAt ?? null,
    };
  }
}
