import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppConfig } from '../../config';
import { RequestValidationException } from '../../common/errors/validation.exception';
import type { MetricPointDto } from '../dto/metric-point.dto';
import { parseMetricPoints } from './metric-points';

/** The ingest body (one point or `{points}`) as validated points, or a 400 naming each bad point and field. */
@Injectable()
export class MetricPointsPipe implements PipeTransform<unknown, MetricPointDto[]> {
  constructor(private readonly config: AppConfig) {}

  transform(body: unknown): MetricPointDto[] {
    const parsed = parseMetricPoints(body, this.config.dashboards.maxBatch);
    if (!parsed.ok) throw new RequestValidationException(parsed.problems);
    return parsed.points;
  }
}
