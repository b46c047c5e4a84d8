import type { AppConfig } from '../config';
import type { JobName, JobPayload, QueueName } from './queue-catalog';

/** A repeatable job: a BullMQ job scheduler that adds `job` to `queue` on every tick of the cron `pattern`. */
export interface ScheduledJob {
  /** The job scheduler's id in BullMQ; stable, so upserting it again changes nothing. */
  readonly id: string;
  readonly queue: QueueName;
  readonly job: string;
  readonly pattern: string;
  readonly payload: Record<string, unknown>;
}

const schedule = <Q extends QueueName, J extends JobName<Q>>(
  id: string,
  queue: Q,
  job: J,
  pattern: string,
  payload: JobPayload<Q, J>,
): ScheduledJob => ({ id, queue, job, pattern, payload: payload as Record<string, unknown> });

/**
 * Every repeatable job of the platform, declared once (one line per schedule; feature modules add theirs here).
 * Worker processes upsert them at start and again after each Redis reconnection (see JobSchedules).
 */
export const scheduledJobsOf = ({
  queues,
  platformMetrics,
  dashboards,
}: AppConfig): ScheduledJob[] => [
  schedule('nightly-purge-api-keys', 'housekeeping', 'purge-api-keys', queues.housekeepingCron, {
    retentionDays: queues.revokedKeyRetentionDays,
  }),
  schedule(
    'nightly-purge-task-records',
    'housekeeping',
    'purge-task-records',
    queues.housekeepingCron,
    { retentionDays: queues.taskRetentionDays },
  ),
  schedule(
    'platform-model-minutes',
    'platform-metrics',
    'collect-model-minutes',
    platformMetrics.cron,
    {},
  ),
  schedule('dashboard-metric-rollups', 'dashboards', 'roll-up-metrics', dashboards.rollupCron, {}),
];
