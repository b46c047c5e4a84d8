import { EntityManager } from '@mikro-orm/postgresql';
import type { TabularTrainingData, TrainingOutcome } from '@app/inference';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ObjectStorage } from '../../storage/object-storage';
import type { JobPayload, JobResult } from '../../tasks/queue-catalog';
import { TaskFailure } from '../../tasks/task-failure';
import { DatasetStore } from '../datasets/dataset-store';
import type { DatasetTable } from '../datasets/dataset-table';
import { RealtyModelVersion } from '../entities/model-version.entity';
import { TrainingRun } from '../entities/training-run.entity';
import type { FeatureSpec } from '../models/feature-spec';
import { ModelVersionsService } from '../models/model-versions.service';
import { RegressionTrainer } from './regression-trainer';

type TrainJob = Job<JobPayload<'realty', 'train'>>;
type TrainResult = JobResult<'realty', 'train'>;

/**
 * Runs one training run in the worker: reads the dataset, trains in a worker thread (progress goes to the task),
 * checks ONNX Runtime against the TypeScript model, stores the ONNX file and the chart, records version N+1 and
 * activates it when the run's policy says so. A run that already stored its version returns that again.
 */
@Injectable()
export class TrainingExecutor {
  private readonly logger = new Logger(TrainingExecutor.name);

  constructor(
    private readonly em: EntityManager,
    private readonly datasets: DatasetStore,
    private readonly trainer: RegressionTrainer,
    private readonly storage: ObjectStorage,
    private readonly versions: ModelVersionsService,
  ) {}

  async run(job: TrainJob): Promise<TrainResult> {
    const run = await this.em.findOne(
      TrainingRun,
      { id: job.data.runId },
      { populate: ['dataset'] },
    );
    if (!run) throw new TaskFailure(`Training run ${job.data.runId} no longer exists`, {});
    if (run.modelVersion !== null) return this.resultOf(run, run.modelVersion);
    const dataset = run.dataset.getEntity();
    const data = trainingDataOf(await this.datasets.load(dataset.storageKey), run.features);
    let reported = 0;
    const model = await this.trainer
      .train(data, { algorithm: run.algorithm, seed: run.seed, params: run.params }, (fraction) => {
        const percent = Math.min(95, Math.floor(fraction * 95));
        if (percent <= reported) return;
        reported = percent;
        job.updateProgress(percent).catch(() => undefined); // best effort: Redis may be slow
      })
      .catch((error: Error) => {
        throw new TaskFailure(`Training failed: ${error.message}`, { runId: run.id });
      });
    await this.trainer.verifyParity(data, model).catch((error: Error) => {
      throw new TaskFailure(`ONNX parity check failed: ${error.message}`, { runId: run.id });
    });
    const features: FeatureSpec[] = data.columns.map((c) => ({ name: c.name, kind: c.kind }));
    const version = await this.store(run, model, features, dataset.target);
    return this.resultOf(run, version.version);
  }

  private async store(
    run: TrainingRun,
    model: TrainingOutcome,
    features: FeatureSpec[],
    target: string,
  ): Promise<RealtyModelVersion> {
    const chartKey = `realty/charts/${run.id}.png`;
    await this.storage.put(chartKey, this.trainer.chart(model, target), {
      contentType: 'image/png',
    });
    const version = await this.em.transactional(async (tx) => {
      // One writer at a time picks the next version number.
      await tx.execute("select pg_advisory_xact_lock(hashtextextended('realty-model-version', 0))");
      const last = await tx.findOne(
        RealtyModelVersion,
        { version: { $gt: 0 } },
        { orderBy: { version: 'desc' } },
      );
      const number = (last?.version ?? 0) + 1;
      const onnxKey = `realty/models/realty-price-v${number}.onnx`;
      await this.storage.put(onnxKey, Buffer.from(model.onnx), {
        contentType: 'application/octet-stream',
      });
      const created = tx.create(RealtyModelVersion, {
        version: number,
        run: run.id,
        dataset: run.dataset.id,
        algorithm: run.algorithm,
        features,
        target,
        metrics: { r2: model.metrics.r2, mae: model.metrics.mae, rmse: model.metrics.rmse },
        onnxKey,
        onnxBytes: model.onnx.byteLength,
      });
      const target_ = tx.getReference(TrainingRun, run.id);
      Object.assign(target_, {
        dataHash: model.dataHash,
        metrics: created.metrics,
        featureImportance: Object.fromEntries(
          model.featureImportance.map((f) => [f.feature, f.importance]),
        ),
        durationMs: Math.round(model.durationMs),
        trainRows: model.metrics.trainRows,
        holdoutRows: model.metrics.holdoutRows,
        params: { ...run.params, ...model.params },
        chartKey,
        modelVersion: number,
      });
      return created;
    });
    await this.em.refresh(run);
    const active = await this.versions.active();
    if (run.activation === 'always' || !active) await this.versions.activate(version.version);
    this.logger.log(
      { runId: run.id, version: version.version, r2: model.metrics.r2 },
      'house-price model stored',
    );
    return version;
  }

  private async resultOf(run: TrainingRun, version: number): Promise<TrainResult> {
    const stored = await this.versions.get(version);
    return { runId: run.id, version, active: stored.active, metrics: stored.metrics };
  }
}

/** The run's features and the target, row by row, as the engine takes them. */
export function trainingDataOf(
  table: DatasetTable,
  features: readonly string[],
): TabularTrainingData {
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  const columns = features.map((name) => {
    const kind = kinds.get(name);
    if (!kind) throw new TaskFailure(`Feature "${name}" is not in the dataset`, {});
    return { name, kind };
  });
  const rows = Array.from({ length: table.rowCount }, (_, r) =>
    features.map((name) => table.values[name][r]),
  );
  const target = table.values[table.target].map(Number);
  return { columns, rows, target };
}
