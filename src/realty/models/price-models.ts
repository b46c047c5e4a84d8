import { EntityManager } from '@mikro-orm/postgresql';
import {
  ModelRegistry,
  ModelVersionConflictError,
  PREDICTION_OUTPUT,
  readRegressorFeatures,
  regressorFeeds,
} from '@app/inference';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { buffer } from 'node:stream/consumers';
import { AppConfig } from '../../config';
import { ObjectStorage } from '../../storage/object-storage';
import { RealtyModelVersion } from '../entities/model-version.entity';
import type { FeatureValue } from './feature-spec';

/** The registry name of every house-price model version. */
export const PRICE_MODEL = 'realty-price';

/**
 * This process's copies of the stored house-price versions in the ModelRegistry (ONNX Runtime). At start every
 * stored version is loaded and the active one (kept in Postgres) activated; a version another process stored
 * later is loaded on first use. Runs are reference-counted by the registry, so activating never fails a run.
 */
@Injectable()
export class PriceModels implements OnApplicationBootstrap {
  private readonly logger = new Logger(PriceModels.name);
  private readonly loading = new Map<number, Promise<void>>();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly storage: ObjectStorage,
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'cli') return;
    // In the background: a process must start even when storage or the database is slow.
    this.reload().catch((error: Error) =>
      this.logger.warn({ reason: error.message }, 'could not reload stored house-price models'),
    );
  }

  async reload(): Promise<number> {
    const versions = await this.em
      .fork()
      .find(RealtyModelVersion, {}, { orderBy: { version: 'asc' } });
    for (const version of versions) await this.ensureLoaded(version);
    const active = versions.find((v) => v.active);
    if (active) this.registry.activate(PRICE_MODEL, String(active.version));
    if (versions.length > 0)
      this.logger.log(
        { versions: versions.length, active: active?.version ?? null },
        'house-price models loaded',
      );
    return versions.length;
  }

  /** Loads the version's ONNX file from storage unless this process has it already. */
  ensureLoaded(version: RealtyModelVersion): Promise<void> {
    if (this.isLoaded(version.version)) return Promise.resolve();
    let pending = this.loading.get(version.version);
    if (!pending) {
      pending = this.load(version).finally(() => this.loading.delete(version.version));
      this.loading.set(version.version, pending);
    }
    return pending;
  }

  /** Routes new runs to `version` (runs in flight finish on theirs). */
  async activate(version: RealtyModelVersion): Promise<void> {
    await this.ensureLoaded(version);
    this.registry.activate(PRICE_MODEL, String(version.version));
  }

  async predict(version: RealtyModelVersion, rows: FeatureValue[][]): Promise<number[]> {
    if (rows.length === 0) return [];
    await this.ensureLoaded(version);
    const name = String(version.version);
    // The model's own metadata says where each column goes in its inputs (REGRESSOR_ONNX_CONTRACT).
    const features = readRegressorFeatures(this.registry.get(PRICE_MODEL, name).metadataProps);
    const position = new Map(version.features.map((feature, i) => [feature.name, i]));
    const raw = rows.map((row) => features.map((feature) => row[position.get(feature.name) ?? -1]));
    const outputs = await this.registry.run(PRICE_MODEL, regressorFeeds(features, raw), {
      version: name,
    });
    const prices = outputs[PREDICTION_OUTPUT].data as Float32Array;
    if (prices.length !== rows.length)
      throw new Error(`model returned ${prices.length} prices for ${rows.length} rows`);
    return Array.from(prices);
  }

  private isLoaded(version: number): boolean {
    try {
      this.registry.get(PRICE_MODEL, String(version));
      return true;
    } catch {
      return false;
    }
  }

  private async load(version: RealtyModelVersion): Promise<void> {
    const { body } = await this.storage.get(version.onnxKey);
    const bytes = new Uint8Array(await buffer(body));
    try {
      await this.registry.load(PRICE_MODEL, String(version.version), bytes, { activate: false });
    } catch (error) {
      if (!(error instanceof ModelVersionConflictError)) throw error;
    }
  }
}
