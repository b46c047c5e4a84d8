import { BadRequestException, Injectable } from '@nestjs/common';
import { requireOwnerOrAdmin, type OwnershipCaller } from '../../common/auth/ownership';
import { AppConfig } from '../../config';
import { DashboardsService } from '../dashboards.service';
import type { MetricSeriesDto } from '../dto/metric-series.dto';
import type { MetricsQueryDto } from '../dto/metrics-query.dto';
import { aggregatedSeriesBody, rawSeriesBody } from './metric-series';
import { MetricSeriesReader } from './metric-series-reader';
import { MetricsQueryCache } from './metrics-query-cache';
import { MetricRollupWriter } from '../rollups/metric-rollup-writer';
import { resolveRange, type MetricBucket, type ResolvedRange } from './metrics-range';
import { ROLLED_UP_BUCKETS, type RolledUpBucket } from './rolled-up-aggregate-sql';

const HOUR = 3_600_000;
const isRolledUp = (bucket: MetricBucket): bucket is RolledUpBucket =>
  (ROLLED_UP_BUCKETS as readonly string[]).includes(bucket);
/** Whether [from, to) holds a whole UTC hour (shorter ranges have nothing rolled up: they read the points). */
const holdsFullHour = (from: Date, to: Date): boolean =>
  Math.ceil(from.getTime() / HOUR) * HOUR + HOUR <= to.getTime();

/** `bucket=raw` returns at most this many points; a longer range needs a bucket. */
export const MAX_RAW_POINTS = 10_000;

/**
 * A dashboard's metrics over a range: checked for ownership, resolved, read from the cache or computed in SQL (for
 * buckets of an hour or more from rollups where they exist; missing ones are written after such a query). A
 * cache hit is checked against the owner cached beside the results and needs no database query; a miss reads the
 * dashboard from the database (so a deleted one is a 404 even if Redis missed the deletion).
 */
@Injectable()
export class MetricsQueryService {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly reader: MetricSeriesReader,
    private readonly cache: MetricsQueryCache,
    private readonly rollups: MetricRollupWriter,
    private readonly config: AppConfig,
  ) {}

  /** The response body as JSON bytes, exactly as cached (a cache hit is sent without parsing it). */
  async seriesJson(
    caller: OwnershipCaller,
    dashboardId: string,
    query: MetricsQueryDto,
  ): Promise<Buffer> {
    const state = await this.cache.state(dashboardId);
    let checked = false;
    if (state?.ownerId)
      requireOwnerOrAdmin(
        caller,
        { owner: { id: state.ownerId } },
        { kind: 'dashboard', id: dashboardId },
      );
    else checked = await this.checkInDatabase(caller, dashboardId, state !== null);

    const wantsEarliest =
      query.period === 'all' && query.from === undefined && query.to === undefined;
    const earliest = wantsEarliest ? await this.reader.earliest(dashboardId) : null;
    const stepMs = this.config.dashboards.openRangeCacheSeconds * 1000;
    const range = resolveRange(query, new Date(), stepMs, earliest);
    const key = state ? this.cache.entryKey(dashboardId, state, range) : null;
    const hit = key ? await this.cache.get(key) : null;
    if (hit) return hit;

    if (!checked) await this.checkInDatabase(caller, dashboardId, false);
    const body = await this.compute(dashboardId, range);
    // Kept in this process at once; the copy in Redis (for other replicas) is written after the answer leaves.
    if (key) void this.cache.store(key, body, range);
    return body;
  }

  async series(
    caller: OwnershipCaller,
    dashboardId: string,
    query: MetricsQueryDto,
  ): Promise<MetricSeriesDto> {
    return JSON.parse(
      (await this.seriesJson(caller, dashboardId, query)).toString(),
    ) as MetricSeriesDto;
  }

  /** Ownership from the database (404, 403); the owner is then cached for later hits. */
  private async checkInDatabase(
    caller: OwnershipCaller,
    dashboardId: string,
    remember: boolean,
  ): Promise<true> {
    const dashboard = await this.dashboards.get(caller, dashboardId);
    if (remember) await this.cache.rememberOwner(dashboardId, dashboard.owner.id);
    return true;
  }

  /** The response body (JSON) computed in SQL. */
  private async compute(dashboardId: string, range: ResolvedRange): Promise<Buffer> {
    const { from, to, bucket } = range;
    if (isRolledUp(bucket) && holdsFullHour(from, to)) {
      const rows = await this.reader.aggregateRolledUp(dashboardId, from, to, bucket);
      // Complete spans read from the points: roll them up now, so that the next query reads their rollups.
      if (rows[0]?.stale) await this.rollups.materialize(dashboardId, from, to);
      return aggregatedSeriesBody(dashboardId, range, rows);
    }
    if (bucket !== 'raw')
      return aggregatedSeriesBody(
        dashboardId,
        range,
        await this.reader.aggregate(dashboardId, from, to, bucket),
      );
    const rows = await this.reader.raw(dashboardId, from, to, MAX_RAW_POINTS + 1);
    if (rows.length > MAX_RAW_POINTS)
      throw new BadRequestException(
        `bucket=raw returns at most ${MAX_RAW_POINTS} points and this range holds more: choose a bucket or a shorter range`,
      );
    return rawSeriesBody(
      dashboardId,
      range,
      rows,
      await this.reader.summary(dashboardId, from, to),
    );
  }
}
