/**
 * Short timings for the fault tests, given to the API and worker processes as environment variables, so that
 * outages, lock expiry, retries and reconciliation fit in a test of a minute or two.
 *
 * Some of these variables are introduced by the fixes of issue 10 (the task lifecycle and its reconciler, the
 * enqueue timeout); a process that does not know them ignores them. If a fix names its variable differently,
 * changing the name here is all the tests need.
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
  // Lifecycle fix: cap of the back-off for connection errors (database or Redis unreachable), so a job in flight
  // rides out a restart of a few seconds and is retried soon after.
  QUEUE_TRANSIENT_BACKOFF_MAX_MS: '5000',
  // Redis-outage fix: how long a request waits to enqueue before it answers 503.
  QUEUE_ENQUEUE_TIMEOUT_MS: '2000',
};
