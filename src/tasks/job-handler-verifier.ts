import { QUEUE_CATALOG, QUEUE_NAMES, jobNamesOf, type QueueName } from './queue-catalog';

export interface ProcessorCoverage {
  queueName: string;
  handledJobs(): string[];
}

/** Lists every declared job of a worker-run queue that no processor handles. Empty means the worker may start. */
export function findUnhandledJobs(
  processors: ProcessorCoverage[],
  queues: QueueName[] = QUEUE_NAMES,
): string[] {
  const handled = new Set(
    processors.flatMap((p) => p.handledJobs().map((job) => `${p.queueName}/${job}`)),
  );
  return queues
    .filter((queue) => QUEUE_CATALOG[queue].runBy === 'worker')
    .flatMap((queue) => jobNamesOf(queue).map((job) => `${queue}/${job}`))
    .filter((key) => !handled.has(key));
}
