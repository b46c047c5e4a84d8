import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ModelRegistry } from '../registry/model-registry';

/** Per required model: its active version and, when unhealthy, why. */
export interface RequiredModelHealth {
  version: string | null;
  error?: string;
}

/**
 * Terminus indicator: every model marked `required` must have an active version that answers
 * a probe inference on zeros. Unhealthy models are reported with their error.
 */
@Injectable()
export class ModelsHealthIndicator {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'models'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const names = this.registry.requiredModels();
    const checks = await Promise.all(names.map((name) => this.checkModel(name)));
    const required: Record<string, RequiredModelHealth> = Object.fromEntries(
      names.map((name, i) => [name, checks[i]]),
    );
    return checks.some((check) => check.error !== undefined)
      ? indicator.down({ required })
      : indicator.up({ required });
  }

  private async checkModel(name: string): Promise<RequiredModelHealth> {
    const version = this.registry.activeVersion(name);
    if (version === null) return { version, error: 'not loaded' };
    try {
      await this.registry.probe(name);
      return { version };
    } catch (error) {
      return { version, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
