import { ModelRegistry, ModelsHealthIndicator } from '@app/inference';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config';
import { ReadinessRegistry } from '../health/readiness-registry';
import { activeVersions, readModelManifest } from './model-manifest';
import { ModelSources } from './model-sources';

/**
 * Loads every model of `<MODELS_DIR>/manifest.json` into the registry at start (warm-up included) and adds the
 * `models` readiness check. A required model that fails to load keeps the process not-ready instead of crashing it.
 */
@Injectable()
export class ModelLoader implements OnModuleInit {
  private readonly logger = new Logger(ModelLoader.name);

  constructor(
    private readonly registry: ModelRegistry,
    private readonly health: ModelsHealthIndicator,
    private readonly readiness: ReadinessRegistry,
    private readonly config: AppConfig,
    private readonly sources: ModelSources,
  ) {}

  async onModuleInit(): Promise<void> {
    this.readiness.register('models', () => this.health.isHealthy('models'));
    const { modelsDir } = this.config.inference;
    const entries = readModelManifest(modelsDir);
    const activeByName = activeVersions(entries);
    for (const entry of entries) {
      try {
        const source = entry.storageKey
          ? await this.sources.fromStorage(entry.storageKey)
          : this.sources.file(entry.file ?? '');
        const listing = await this.registry.load(entry.name, entry.version, source, {
          activate: activeByName.get(entry.name) === entry.version,
          required: entry.required,
        });
        this.logger.log(
          `loaded model ${entry.name}@${entry.version} in ${listing.loadTimeMs.toFixed(1)} ms`,
        );
      } catch (error) {
        const log = entry.required ? 'error' : 'warn';
        this.logger[log](
          `could not load model ${entry.name}@${entry.version}: ${(error as Error).message}`,
        );
      }
    }
  }
}
