import { BadRequestException, Injectable } from '@nestjs/common';
import type { OwnershipCaller } from '../../common/auth/ownership';
import { AppConfig } from '../../config';
import { DashboardsService } from '../dashboards.service';
import type { MetricSeriesDto } from '../dto/metric-series.dto';
import type { MetricsQueryDto } from '../dto/metrics-query.dto';
import { aggregatedSeries, rawSeries } from './metric-series';
import { MetricSeriesReader } from './metric-series-reader';
import { MetricsQueryCache } from './metrics-query-cache';
import { resolveRange, type ResolvedRange } from './metrics-range';

/** `bucket=raw` returns at most this many points; a longer range needs a bucket. */
export const MAX_RAW_POINTS = 10_000;

/** A dashboard's metrics over a range: checked for ownership, resolved, read from the cache or computed in SQL. */
@Injectable()
export class MetricsQueryService {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly reader: MetricSeriesReader,
    private readonly cache: MetricsQueryCache,
    private readonly config: AppConfig,
  ) {}

  /** The response body as JSON text, exactly as cached (a cache hit is sent without parsing it). */
  async seriesJson(
    caller: OwnershipCaller,
    dashboardId: string,
    query: MetricsQueryDto,
  ): Promise<string> {
    await this.dashboards.get(caller, dashboardId);
    const wantsEarliest =
      query.period === 'all' && query.from === undefined && query.to === undefined;
    const earliest = wantsEarliest ? await this.reader.earliest(dashboardId) : null;
    const stepMs = this.config.metrics.openRangeCacheSeconds * 1000;
    const range = resolveRange(query, new Date(), stepMs, earliest);
    const lookup = await this.cache.lookup(dashboardId, range);
    if (lookup?.hit) return lookup.hit;
    const json = JSON.stringify(await this.compute(dashboardId, range));
    if (lookup) await this.cache.store(lookup, json, range);
    return json;
  }

  async series(
    caller: OwnershipCaller,
    dashboardId: string,
    query: MetricsQueryDto,
  ): Promise<MetricSeriesDto> {
    return JSON.parse(await this.seriesJson(caller, dashboardId, query)) as MetricSeriesDto;
  }

  private async compute(dashboardId: string, range: ResolvedRange): Promise<MetricSeriesDto> {
    const { from, to, bucket } = range;
    if (bucket !== 'raw')
      return aggregatedSeries(
        dashboardId,
        range,
        await this.reader.aggregate(dashboardId, from, to, bucket),
      );
    const rows = await this.reader.raw(dashboardId, from, to, MAX_RAW_POINTS + 1);
    if (rows.length > MAX_RAW_POINTS)
      throw new BadRequestException(
        `bucket=raw returns at most ${MAX_RAW_POINTS} points and this range holds more: choose a bucket or a shorter range`,
      );
    return rawSeries(dashboardId, range, rows, await this.reader.summary(dashboardId, from, to));
  }
}
