import { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@app/database';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { LegacyHttpException } from '../../common/errors/legacy-http.exception';
import { AppConfig } from '../../config';
import type { Task } from '../../tasks/entities/task.entity';
import { TaskStatus } from '../../tasks/entities/task-status';
import { TasksService } from '../../tasks/tasks.service';
import { DatasetsService } from '../datasets/datasets.service';
import { RealtyModelVersion } from '../entities/model-version.entity';
import { PricePredictionsService } from '../predictions/price-predictions.service';
import { TaskWaiter } from '../training/task-waiter';
import { TrainingRunsService } from '../training/training-runs.service';
import type {
  LegacyModelDto,
  LegacyPredictionsDto,
  LegacyPredictRequestDto,
  LegacyStatus,
  LegacyTaskAcceptedDto,
  LegacyTaskDto,
  LegacyTaskSummaryDto,
  LegacyTrainedDto,
  LegacyTrainRequestDto,
} from './legacy-realty.dto';

const STATUS: Record<TaskStatus, LegacyStatus> = {
  [TaskStatus.Queued]: 'PENDING',
  [TaskStatus.Running]: 'STARTED',
  [TaskStatus.Retrying]: 'RETRY',
  [TaskStatus.Succeeded]: 'SUCCESS',
  [TaskStatus.Failed]: 'FAILURE',
  [TaskStatus.Canceled]: 'REVOKED',
};
const KIND: Record<string, string> = { train: 'treinar', predict: 'prever' };
const taskNotFound = (): LegacyHttpException =>
  new LegacyHttpException({ detail: 'Tarefa não encontrada' }, 404);

/** The old realty service's contract over the same datasets, runs, versions and tasks as the canonical API. */
@Injectable()
export class LegacyRealtyService {
  constructor(
    private readonly em: EntityManager,
    private readonly datasets: DatasetsService,
    private readonly runs: TrainingRunsService,
    private readonly predictions: PricePredictionsService,
    private readonly tasks: TasksService,
    private readonly waiter: TaskWaiter,
    private readonly config: AppConfig,
  ) {}

  async train(
    body: LegacyTrainRequestDto,
    caller: Principal,
  ): Promise<LegacyTrainedDto | LegacyTaskAcceptedDto> {
    const dataset = body.dados
      ? await this.datasets.createFromRows(body.dados, {
          name: 'treinar',
          origin: 'legacy',
          target: 'preco',
          ownerId: caller.userId,
        })
      : undefined;
    const run = await this.runs.start(
      { datasetId: dataset?.id, algorithm: body.algoritmo, seed: body.seed, activation: 'always' },
      caller.userId,
    );
    const accepted = { task_id: run.taskId, status: 'PENDING', tipo: 'treinar' };
    if (body.assincrono) return accepted;
    const task = await this.waiter.untilEnded(run.taskId, this.config.realty.syncWaitMs);
    if (task.status === TaskStatus.Failed)
      throw new LegacyHttpException({ detail: task.error ?? 'Falha no treinamento' }, 422);
    if (task.status !== TaskStatus.Succeeded) return { ...accepted, status: STATUS[task.status] };
    return this.trainedOf(task);
  }

  async predict(
    body: LegacyPredictRequestDto,
    caller: Principal,
  ): Promise<LegacyPredictionsDto | LegacyTaskAcceptedDto> {
    const answer = await this.predictions
      .predict({ rows: body.dados, async: body.assincrono }, caller.userId)
      .catch((error: unknown) => {
        if ((error as { status?: number }).status === 409)
          throw new LegacyHttpException(
            { detail: 'Nenhum modelo treinado: chame /treinar primeiro' },
            409,
          );
        throw error;
      });
    if (answer.prices) return { previsoes: answer.prices.predictions };
    return { task_id: answer.task.id, status: 'PENDING', tipo: 'prever' };
  }

  async task(id: string, caller: Principal): Promise<LegacyTaskDto> {
    const task = await this.visible(id, caller);
    const body: LegacyTaskDto = { task_id: task.id, status: STATUS[task.status] };
    if (task.status === TaskStatus.Succeeded) body.resultado = await this.resultOf(task);
    if (task.status === TaskStatus.Failed && task.error) body.erro = task.error;
    return body;
  }

  async list(limit: number, caller: Principal): Promise<LegacyTaskSummaryDto[]> {
    const page = await this.tasks.list(caller, { queue: 'realty' }, { skip: 0, limit });
    return page.items.map((task) => ({
      task_id: task.id,
      tipo: KIND[task.name] ?? task.name,
      status: STATUS[task.status],
      criado_em: task.createdAt,
    }));
  }

  async modelOf(version: RealtyModelVersion): Promise<LegacyModelDto> {
    const dataset = await this.datasets.get(version.dataset.id);
    return {
      versao: version.version,
      algoritmo: version.algorithm,
      origem: dataset.origin === 'legacy' ? 'dados' : dataset.name,
      n_linhas: dataset.rowCount,
      features: version.features.map((f) => f.name),
      metricas: { r2: version.metrics.r2, mae: version.metrics.mae, rmse: version.metrics.rmse },
    };
  }

  private async visible(id: string, caller: Principal): Promise<Task> {
    if (!isUuid(id)) throw taskNotFound();
    const task = await this.tasks.getVisible(id, caller).catch((error: unknown) => {
      if (error instanceof NotFoundException) throw taskNotFound();
      throw error;
    });
    if (task.queue !== 'realty') throw taskNotFound();
    return task;
  }

  private async resultOf(task: Task): Promise<unknown> {
    if (task.name === 'predict')
      return { previsoes: (task.result as { predictions?: number[] } | null)?.predictions ?? [] };
    return this.trainedOf(task);
  }

  private async trainedOf(task: Task): Promise<LegacyTrainedDto> {
    const { version } = task.result as { version: number };
    const stored = await this.em.findOneOrFail(RealtyModelVersion, { version });
    return { status: 'treinado', modelo: await this.modelOf(stored) };
  }
}
