import {
  BadRequestException,
  ConflictException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Job } from 'bullmq';
import { buffer } from 'node:stream/consumers';
import { ObjectKeys } from '../../storage/object-keys';
import { ObjectStorage } from '../../storage/object-storage';
import type { Task } from '../../tasks/entities/task.entity';
import type { JobPayload, JobResult } from '../../tasks/queue-catalog';
import { TaskFailure } from '../../tasks/task-failure';
import { TaskQueue } from '../../tasks/task-queue.service';
import { AppConfig } from '../../config';
import type { RealtyModelVersion } from '../entities/model-version.entity';
import { checkRows, type FeatureValue } from '../models/feature-spec';
import { ModelVersionsService } from '../models/model-versions.service';
import { PriceModels } from '../models/price-models';
import { PriceCache } from './price-cache';

/** Prediction jobs run before training jobs in the `realty` queue (BullMQ: 1 is the highest priority). */
export const PREDICTION_PRIORITY = 1;

export interface PriceRequest {
  rows: Record<string, unknown>[];
  version?: number;
  async?: boolean;
}

export interface Prices {
  version: number;
  predictions: number[];
  /** Rows answered from the cache. */
  cached: number;
}

export type PriceAnswer = { prices: Prices; task?: undefined } | { task: Task; prices?: undefined };

type PredictJob = Job<JobPayload<'realty', 'predict'>>;

/**
 * Rows → prices with a stored model version (the active one unless named): checked against the version's
 * features, answered from the Redis cache where possible, the rest run through ONNX Runtime. Large batches (or
 * `async`) become a task that the worker answers the same way.
 */
@Injectable()
export class PricePredictionsService {
  constructor(
    private readonly versions: ModelVersionsService,
    private readonly models: PriceModels,
    private readonly cache: PriceCache,
    private readonly taskQueue: TaskQueue,
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
    private readonly config: AppConfig,
  ) {}

  async predict(request: PriceRequest, ownerId: string | null): Promise<PriceAnswer> {
    const { maxPredictionRows, syncPredictionRows } = this.config.realty;
    if (request.rows.length > maxPredictionRows)
      throw new BadRequestException(
        `at most ${maxPredictionRows} rows per request (REALTY_MAX_PREDICTION_ROWS), got ${request.rows.length}`,
      );
    const version = await this.versionFor(request.version);
    const values = this.checked(version, request.rows);
    // async unset: by size; false: answered now whatever the size (up to the maximum); true: a task.
    if (request.async === false || (!request.async && values.length <= syncPredictionRows))
      return { prices: await this.prices(version, values) };
    const inputKey = this.keys.generate('realty/predictions', 'rows.json');
    await this.storage.put(inputKey, Buffer.from(JSON.stringify(values)), {
      contentType: 'application/json',
    });
    const task = await this.taskQueue.enqueue(
      'realty',
      'predict',
      { inputKey, version: version.version, rows: values.length },
      { ownerId, priority: PREDICTION_PRIORITY },
    );
    return { task };
  }

  /** The worker's side of an asynchronous prediction. */
  async runJob(job: PredictJob): Promise<JobResult<'realty', 'predict'>> {
    const version = await this.versions.get(job.data.version).catch(() => {
      throw new TaskFailure(`Model version ${job.data.version} no longer exists`, {});
    });
    const { body } = await this.storage.get(job.data.inputKey);
    const values = JSON.parse((await buffer(body)).toString('utf8')) as FeatureValue[][];
    const prices = await this.prices(version, values);
    await this.storage.delete(job.data.inputKey).catch(() => undefined);
    return prices;
  }

  async versionFor(requested?: number): Promise<RealtyModelVersion> {
    const version = await this.versions.resolve(requested);
    if (!version)
      throw new ConflictException('No house-price model is active yet: train one first');
    return version;
  }

  /** The rows as feature values in the version's order; 422 naming row index and column otherwise. */
  checked(version: RealtyModelVersion, rows: Record<string, unknown>[]): FeatureValue[][] {
    const { values, problems } = checkRows(rows, version.features);
    if (problems.length > 0)
      throw new UnprocessableEntityException({
        message: problems
          .slice(0, 5)
          .map((p) => p.message)
          .join('; '),
        details: problems
          .slice(0, 100)
          .map((p) => ({ field: `rows.${p.row}.${p.column}`, messages: [p.message] })),
      });
    return values;
  }

  async prices(version: RealtyModelVersion, values: FeatureValue[][]): Promise<Prices> {
    const cached = await this.cache.lookup(version.version, values);
    const missing = values.flatMap((_, i) => (cached[i] === undefined ? [i] : []));
    const computed = await this.models.predict(
      version,
      missing.map((i) => values[i]),
    );
    const predictions = cached.map((price) => price ?? 0);
    missing.forEach((row, j) => (predictions[row] = computed[j]));
    await this.cache.store(
      version.version,
      missing.map((i) => values[i]),
      computed,
    );
    await this.cache.countServed(values.length);
    return { version: version.version, predictions, cached: values.length - missing.length };
  }
}
