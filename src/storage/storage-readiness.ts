import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ReadinessRegistry } from '../health/readiness-registry';
import { ObjectStorage } from './object-storage';

/** The `storage` indicator of GET /health/ready: bucket reachable, or directory writable. */
@Injectable()
export class StorageReadiness implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly storage: ObjectStorage,
    private readonly health: HealthIndicatorService,
  ) {}

  onModuleInit(): void {
    this.registry.register('storage', () => this.check());
  }

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('storage');
    const { up, details } = await this.storage.checkHealth();
    return up ? indicator.up(details) : indicator.down(details);
  }
}
