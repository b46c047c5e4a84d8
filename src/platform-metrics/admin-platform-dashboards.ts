import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config';
import { DashboardsService } from '../dashboards/dashboards.service';
import { MetricsIngestService } from '../dashboards/ingest/metrics-ingest.service';
import { User } from '../users/entities/user.entity';
import {
  PlatformDashboards,
  platformDashboardName,
  type PlatformPoint,
} from './platform-dashboards';

/**
 * Writes a model version's minute onto its "Platform models: <model> <version>" dashboard, owned by the admin
 * (FIRST_SUPERUSER_USERNAME), through the dashboards module's own ingest (validation, cache invalidation).
 * The point: processingTimeMs the mean run time, errorRate, iaEfficiency the share of runs that succeeded,
 * memoryUsageMb the serving processes' memory, modelAccuracy the live accuracy where real results are known, else
 * null (a gap in the accuracy series, never an invented value).
 */
@Injectable()
export class AdminPlatformDashboards extends PlatformDashboards {
  private readonly logger = new Logger(AdminPlatformDashboards.name);

  constructor(
    private readonly em: EntityManager,
    private readonly dashboards: DashboardsService,
    private readonly ingest: MetricsIngestService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async write(point: PlatformPoint): Promise<boolean> {
    const admin = await this.em.findOne(User, { username: this.config.superuser.username });
    if (!admin) {
      this.logger.warn('no admin user to own the Platform models dashboards; run `cli seed admin`');
      return false;
    }
    const dashboard = await this.dashboards.findOrCreate(
      admin.id,
      platformDashboardName(point.model, point.version),
    );
    await this.ingest.ingest({ userId: admin.id, role: admin.role }, [
      {
        dashboardId: dashboard.id,
        timestamp: new Date(point.minute),
        iaEfficiency: 1 - point.errorRate,
        modelAccuracy: point.accuracy,
        processingTimeMs: point.latencyAvgMs,
        memoryUsageMb: point.memoryMb,
        errorRate: point.errorRate,
      },
    ]);
    return true;
  }
}
