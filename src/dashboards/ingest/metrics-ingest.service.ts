import { Injectable } from '@nestjs/common';
import { requireOwnerOrAdmin, type OwnershipCaller } from '../../common/auth/ownership';
import { DashboardsService } from '../dashboards.service';
import { METRIC_FIELDS, type MetricPeriod, type StoredMetricValues } from '../metric-fields';
import { MetricsQueryCache } from '../query/metrics-query-cache';
import { MetricRowWriter, type MetricRow } from './metric-row-writer';

/** A validated point to record (`MetricPointDto` or built by a module that measures itself). */
export type MetricPointInput = StoredMetricValues & {
  dashboardId?: string | null;
  /** Defaults to the time of the call. */
  timestamp?: Date;
  period?: MetricPeriod | null;
};

/** Who records the points: a caller of the API, or the platform itself acting as the dashboard's owner. */
export type MetricReporter = OwnershipCaller;

/**
 * Records metric points: every dashboard they name must exist and belong to the reporter (admins: any), then all
 * points are written in one statement and the cached results of those dashboards are dropped. Other modules call
 * `ingest` directly (e.g. with the owner of a dashboard from `DashboardsService.findOrCreate`).
 */
@Injectable()
export class MetricsIngestService {
  constructor(
    private readonly dashboards: DashboardsService,
    private readonly writer: MetricRowWriter,
    private readonly cache: MetricsQueryCache,
  ) {}

  async ingest(
    reporter: MetricReporter,
    points: MetricPointInput[],
  ): Promise<{ ingested: number }> {
    const dashboardIds = [
      ...new Set(points.flatMap((p) => (p.dashboardId ? [p.dashboardId.toLowerCase()] : []))),
    ];
    if (dashboardIds.length > 0) {
      const found = new Map((await this.dashboards.findMany(dashboardIds)).map((d) => [d.id, d]));
      for (const id of dashboardIds)
        requireOwnerOrAdmin(reporter, found.get(id), { kind: 'dashboard', id });
    }
    const now = new Date();
    const rows = points.map((point): MetricRow => {
      const row = {
        userId: reporter.userId,
        dashboardId: point.dashboardId?.toLowerCase() ?? null, // ids are compared (and cached) in lower case
        timestamp: point.timestamp ?? now,
        period: point.period ?? null,
      } as MetricRow;
      for (const field of METRIC_FIELDS) (row as Record<string, unknown>)[field] = point[field];
      return row;
    });
    await this.writer.insert(rows);
    await this.cache.invalidate(dashboardIds);
    return { ingested: rows.length };
  }
}
