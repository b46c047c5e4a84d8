import { EntityManager } from '@mikro-orm/postgresql';
import { newId } from '@app/database';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { paginate, type PageRequest } from '../../common/pagination/paginate';
import type { Page } from '../../common/pagination/page.dto';
import { FINISHED_TASK_STATUSES } from '../../tasks/entities/task-status';
import { TaskQueue } from '../../tasks/task-queue.service';
import { TaskWaiter } from './task-waiter';
import { DatasetsService } from '../datasets/datasets.service';
import type { RealtyDataset } from '../entities/realty-dataset.entity';
import { TrainingRun, type ActivationPolicy } from '../entities/training-run.entity';
import { paramProblems } from './regression-trainer';
import type { RealtyAlgorithm } from './regression-training';

/** Interactive predictions (priority 1) overtake training runs in the `realty` queue. */
export const TRAINING_PRIORITY = 10;
/** Categorical columns with more distinct values than this are left out of the default features. */
const MAX_DEFAULT_CATEGORIES = 100;

export interface TrainingRequest {
  datasetId?: string;
  algorithm: RealtyAlgorithm;
  seed: number;
  features?: string[];
  params?: Record<string, unknown>;
  activation?: ActivationPolicy;
}

/** Starts training runs (a `realty/train` task each) and reads them back. */
@Injectable()
export class TrainingRunsService {
  constructor(
    private readonly em: EntityManager,
    private readonly datasets: DatasetsService,
    private readonly taskQueue: TaskQueue,
    private readonly waiter: TaskWaiter,
  ) {}

  async start(request: TrainingRequest, ownerId: string | null): Promise<TrainingRun> {
    const dataset = await this.datasetOf(request.datasetId);
    const features = this.featuresOf(dataset, request.features);
    const problems = paramProblems(request.algorithm, request.params ?? {});
    if (problems.length > 0)
      throw new UnprocessableEntityException({
        message: problems.join('; '),
        details: [{ field: 'params', messages: problems }],
      });
    const run = this.em.create(TrainingRun, {
      taskId: newId(),
      dataset,
      algorithm: request.algorithm,
      seed: request.seed,
      features,
      params: request.params ?? {},
      activation: request.activation ?? 'if-none-active',
      owner: ownerId,
    });
    await this.em.flush();
    await this.taskQueue.enqueue(
      'realty',
      'train',
      { runId: run.id },
      { ownerId, taskId: run.taskId, priority: TRAINING_PRIORITY },
    );
    return run;
  }

  /**
   * Starts a run; with `waitMs`, waits up to that long for its task to end. `ended` tells whether it did (the
   * run then holds its results).
   */
  async train(
    request: TrainingRequest,
    ownerId: string | null,
    waitMs?: number,
  ): Promise<{ run: TrainingRun; ended: boolean }> {
    const run = await this.start(request, ownerId);
    if (waitMs === undefined) return { run, ended: false };
    const task = await this.waiter.untilEnded(run.taskId, waitMs);
    await this.em.refresh(run);
    return { run, ended: FINISHED_TASK_STATUSES.includes(task.status) };
  }

  list(page: PageRequest): Promise<Page<TrainingRun>> {
    return paginate(this.em, TrainingRun, {}, page, { orderBy: [{ createdAt: 'desc' }] });
  }

  async get(id: string): Promise<TrainingRun> {
    const run = await this.em.findOne(TrainingRun, { id });
    if (!run) throw new NotFoundException(`Training run ${id} not found`);
    return run;
  }

  findByTask(taskId: string): Promise<TrainingRun | null> {
    return this.em.findOne(TrainingRun, { taskId });
  }

  private async datasetOf(id?: string): Promise<RealtyDataset> {
    if (id) return this.datasets.get(id);
    const demo = await this.datasets.findDemo();
    if (!demo)
      throw new ConflictException(
        'No demo dataset: name a datasetId, or load the demo with `cli seed --demo realty`',
      );
    return demo;
  }

  private featuresOf(dataset: RealtyDataset, requested?: string[]): string[] {
    const columns = new Map(dataset.columns.map((column) => [column.name, column]));
    if (!requested) {
      if (dataset.defaultFeatures) return dataset.defaultFeatures;
      return dataset.columns
        .filter((c) => c.name !== dataset.target)
        .filter(
          (c) => c.kind === 'numeric' || ('distinct' in c && c.distinct <= MAX_DEFAULT_CATEGORIES),
        )
        .map((c) => c.name);
    }
    const problems = [...new Set(requested)].flatMap((name) =>
      !columns.has(name)
        ? [`"${name}" is not a column of dataset ${dataset.id}`]
        : name === dataset.target
          ? [`"${name}" is the target and cannot be a feature`]
          : [],
    );
    if (problems.length > 0)
      throw new UnprocessableEntityException({
        message: problems.join('; '),
        details: [{ field: 'features', messages: problems }],
      });
    return [...new Set(requested)];
  }
}
