import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { UserRole } from '../common/auth/user-role';
import { SeedStep, type SeedReport, type Seeder } from '../seeding/seed-step.decorator';
import { UsersService } from '../users/users.service';
import { DashboardsService } from './dashboards.service';
import { demoMetricValues, lastHours } from './demo-metric-curves';
import { Metric } from './entities/metric.entity';
import { MetricsIngestService } from './ingest/metrics-ingest.service';

export const DEMO_USERNAME = 'demo';
export const DEMO_DASHBOARD = 'AI Monitoring Dashboard';
export const DEMO_HOURS = 720;

/**
 * The demo user's "AI Monitoring Dashboard" with one point per hour for the last 30 days, ending at the current
 * hour. Values depend only on the hour, so running the seed again adds only the hours that are missing: nothing
 * within the same hour, the new hours after a pause (old points stay).
 */
@SeedStep({
  name: 'dashboards',
  order: 60,
  description: 'Demo user and "AI Monitoring Dashboard" with 720 hourly metrics (last 30 days)',
  demo: true,
})
@Injectable()
export class DemoDashboardSeeder implements Seeder {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UsersService,
    private readonly dashboards: DashboardsService,
    private readonly ingest: MetricsIngestService,
  ) {}

  async run(): Promise<SeedReport> {
    const existingUser = await this.users.findByUsername(DEMO_USERNAME);
    const user =
      existingUser ??
      (await this.users.create({
        username: DEMO_USERNAME,
        name: 'Demo user',
        role: UserRole.Viewer,
      }));
    const dashboard = await this.dashboards.findOrCreate(user.id, DEMO_DASHBOARD);
    const hours = lastHours(new Date(), DEMO_HOURS);
    const present = await this.em.find(
      Metric,
      { dashboard, timestamp: { $in: hours } },
      { fields: ['timestamp'] },
    );
    const have = new Set(present.map((m) => m.timestamp.getTime()));
    const missing = hours.filter((hour) => !have.has(hour.getTime()));
    if (missing.length > 0) {
      const points = missing.map((timestamp) => ({
        dashboardId: dashboard.id,
        timestamp,
        period: '30d' as const,
        ...demoMetricValues(timestamp),
      }));
      await this.ingest.ingest({ userId: user.id, role: user.role }, points);
    }
    return { created: missing.length + (existingUser ? 0 : 1), updated: 0 };
  }
}
