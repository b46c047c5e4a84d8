import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/environment.loader';
import { jobNamesOf, QUEUE_CATALOG } from './queue-catalog';
import { scheduledJobsOf } from './queue-schedules';

describe('scheduledJobsOf', () => {
  const config = new AppConfig(
    validateEnvironment({
      DATABASE_URL: 'postgresql://u@h/db',
      HOUSEKEEPING_CRON: '5 4 * * *',
      TASK_RETENTION_DAYS: '9',
    }),
  );
  const schedules = scheduledJobsOf(config);

  it('gives every schedule its own id and a job its worker-run queue declares', () => {
    expect(new Set(schedules.map((s) => s.id)).size).toBe(schedules.length);
    for (const s of schedules) {
      expect(jobNamesOf(s.queue)).toContain(s.job);
      expect(QUEUE_CATALOG[s.queue].runBy).toBe('worker');
    }
  });

  it('takes the nightly housekeeping cron and retention from the configuration', () => {
    expect(schedules.find((s) => s.id === 'nightly-purge-task-records')).toEqual({
      id: 'nightly-purge-task-records',
      queue: 'housekeeping',
      job: 'purge-task-records',
      pattern: '5 4 * * *',
      payload: { retentionDays: 9 },
    });
  });
});
