import { Controller, Get, Header, Headers, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../../common/auth/auth.decorators';
import { AppConfig } from '../../config';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { MetricsRegistry } from './metrics-registry';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Prometheus text exposition at GET /metrics, on the API and on the worker's health port. Public unless
 * METRICS_TOKEN is set; then `Authorization: Bearer <METRICS_TOKEN>` is required. Not in the OpenAPI document
 * (it is for the monitoring system, not API clients); never rate limited.
 */
@ApiExcludeController()
@Public()
@RateLimit('exempt')
@Controller('metrics')
export class MetricsController {
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: MetricsRegistry,
    config: AppConfig,
  ) {
    this.token = config.metrics.token ? digest(config.metrics.token) : undefined;
  }

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (this.token) {
      const presented = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(presented), this.token))
        throw new UnauthorizedException('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return this.metrics.render();
  }
}
