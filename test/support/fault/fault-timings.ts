/**
 * Short timings for the fault tests, given to the API and worker processes as environment variables, so that
 * outages, lock expiry, retries and reconciliation fit in a test of a minute or two.
 *
 * Each is documented in `.env.example`.
 */
export const FAULT_TIMINGS: Record<string, string> = {
  // A killed worker's job is taken up again within seconds; live workers look for stalled jobs twice a second.
  // (Not shorter: CPU-bound steps of a job on a busy machine can delay the lock's renewal by a second or two.)
  QUEUE_LOCK_DURATION_MS: '5000',
  QUEUE_STALLED_INTERVAL_MS: '500',
  QUEUE_DEFAULT_ATTEMPTS: '3',
  QUEUE_BACKOFF_MS: '1000',
  // Lifecycle fix: how often the worker compares task records with the queue (also done at worker start).
  TASK_RECONCILE_INTERVAL_MS: '2000',
  // Only records unchanged this long are reconciled (a job just added or just finished is left to its events).
  TASK_RECONCILE_GRACE_MS: '3000',
  // Cap of the back-off for connection errors (database or Redis unreachable), so a job in flight rides out a
  // restart of a few seconds and is retried soon after; and of the retried writes of task transitions.
  QUEUE_BACKOFF_MAX_MS: '5000',
  TASK_WRITE_RETRY_MAX_MS: '2000',
  // Redis-outage fix: how long a request waits to enqueue before it answers 503.
  QUEUE_ENQUEUE_TIMEOUT_MS: '2000',
};
