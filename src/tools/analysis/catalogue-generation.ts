import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config';
import { REDIS_CLIENT } from '../../redis/redis.module';

/**
 * A value in Redis, shared by every process, that changes whenever the tool catalogue does (a tool, toolkit or
 * toolkit item written): what a process compares to know whether its copies of toolkits are still current.
 */
@Injectable()
export class CatalogueGeneration {
  private readonly logger = new Logger(CatalogueGeneration.name);
  private readonly key: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.key = `${config.redis.keyPrefix}:tools:catalogue-generation`;
  }

  /**
   * The current generation, or undefined when Redis cannot say (then nothing may be reused). A missing key (never
   * set, or Redis emptied) gets a fresh random value, so no copy made before can match it.
   */
  async current(): Promise<string | undefined> {
    try {
      const value = await this.redis.get(this.key);
      if (value !== null) return value;
      await this.redis.set(this.key, randomUUID(), 'NX');
      return (await this.redis.get(this.key)) ?? undefined;
    } catch (error) {
      this.logger.warn(`Catalogue generation unreadable: ${String(error)}`);
      return undefined;
    }
  }

  /** Called after a change is committed: every copy made before is out of date. */
  async advance(): Promise<void> {
    try {
      await this.redis.set(this.key, randomUUID());
    } catch (error) {
      this.logger.error(`Catalogue generation not advanced: ${String(error)}`);
    }
  }
}
