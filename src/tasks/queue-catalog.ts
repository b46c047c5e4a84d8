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

/** What an external worker receives: everything it needs without access to the database. */
export interface ExternalJobPayload {
  jobId: string;
  modelId: string;
  inputParams: Record<string, unknown>;
  prompt: string | null;
  /** Presigned GET of the input image (image models). */
  inputUrl: string | null;
  /** Presigned PUT for the output (Content-Type model/gltf-binary), and the object it writes. */
  outputUploadUrl: string;
  outputKey: string;
  /** Presigned PUT for an optional preview (Content-Type image/png). */
  previewUploadUrl: string;
  previewKey: string;
  /** When the presigned URLs expire (ISO 8601). */
  urlsExpireAt: string;
}

export const QUEUE_CATALOG = {
  housekeeping: {
    description: 'Platform maintenance: purge stale API keys and old task records',
    runBy: 'worker',
    jobs: {
      'purge-api-keys': job<{ retentionDays: number }, { deleted: number }>(),
      'purge-task-records': job<{ retentionDays: number }, { deleted: number }>(),
      /** Does nothing: measures the task platform's own cost per job (`npm run bench:scale`). */
      ping: job<Record<string, never>, { pong: true }>(),
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
  'jobs-builtin': {
    description: "Generative 3D jobs run by this platform's workers (built-in CPU models)",
    runBy: 'worker',
    jobs: {
      generate: job<{ jobId: string }, { status: string; outputKey?: string }>(),
    },
  },
  'jobs-external': {
    description:
      'Generative 3D jobs waiting for an external GPU worker (see README: external worker contract)',
    runBy: 'external',
    jobs: {
      generate: job<ExternalJobPayload, { outputKey: string; previewKey?: string }>(),
    },
  },
  webhooks: {
    description: 'Signed HTTP callbacks when a generative 3D job ends',
    runBy: 'worker',
    jobs: {
      'deliver-job': job<{ jobId: string }, { status: number }>(),
    },
  },
  'platform-metrics': {
    description:
      "Real metrics of the platform's own models: each closed minute's inference figures to the Platform models dashboards",
    runBy: 'worker',
    jobs: {
      'collect-model-minutes': job<Record<string, never>, { minutes: number; points: number }>(),
    },
  },
  dashboards: {
    description: "Dashboards: hourly and daily rollups of every dashboard's recent metrics",
    runBy: 'worker',
    jobs: {
      'roll-up-metrics': job<Record<string, never>, { dashboards: number; rolledUp: number }>(),
    },
  },
  realty: {
    description: 'House prices: training runs and large prediction batches (predictions first)',
    runBy: 'worker',
    jobs: {
      train: job<
        { runId: string },
        {
          runId: string;
          version: number;
          active: boolean;
          metrics: { r2: number; mae: number; rmse: number };
        }
      >(),
      predict: job<
        { inputKey: string; version: number; rows: number },
        { version: number; predictions: number[]; cached: number }
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
