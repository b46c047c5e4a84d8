/**
 * Every queue and job of the platform, with typed payloads and results: the one place they are declared.
 * A worker refuses to start if a job of a `worker`-run queue has no handler (see JobHandlerVerifier).
 * Feature modules add their queues here.
 */
interface JobSpec<Payload, Result> {
  readonly payload?: Payload;
  readonly result?: Result;
}
const job = <Payload, Result>(): JobSpec<Payload, Result> => ({});

export const QUEUE_CATALOG = {
  housekeeping: {
    description: 'Platform maintenance: purge stale API keys and old task records',
    runBy: 'worker',
    jobs: {
      'purge-api-keys': job<{ retentionDays: number }, { deleted: number }>(),
      'purge-task-records': job<{ retentionDays: number }, { deleted: number }>(),
    },
  },
  predictions: {
    description: 'Vehicle quality predictions: CSV imports',
    runBy: 'worker',
    jobs: {
      'import-csv': job<
        { storageKey: string; filename: string },
        { imported: number; rows: number; modelVersion: string }
      >(),
    },
  },
} as const satisfies Record<
  string,
  {
    description: string;
    runBy: 'worker' | 'external';
    jobs: Record<string, JobSpec<unknown, unknown>>;
  }
>;

export type QueueName = keyof typeof QUEUE_CATALOG;
export type JobName<Q extends QueueName> = keyof (typeof QUEUE_CATALOG)[Q]['jobs'] & string;
type SpecOf<Q extends QueueName, J extends JobName<Q>> = (typeof QUEUE_CATALOG)[Q]['jobs'][J];
export type JobPayload<Q extends QueueName, J extends JobName<Q>> =
  SpecOf<Q, J> extends JobSpec<infer P, unknown> ? P : never;
export type JobResult<Q extends QueueName, J extends JobName<Q>> =
  SpecOf<Q, J> extends JobSpec<unknown, infer R> ? R : never;

export const QUEUE_NAMES = Object.keys(QUEUE_CATALOG) as QueueName[];

export const jobNamesOf = (queue: QueueName): string[] => Object.keys(QUEUE_CATALOG[queue].jobs);
