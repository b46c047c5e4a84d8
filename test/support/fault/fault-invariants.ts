import { Queue } from 'bullmq';
import { FAULT_REDIS_PREFIX, type FaultStack } from './fault-stack';

const OPEN_TASK = ['queued', 'running', 'retrying'];
const OPEN_JOB = ['QUEUED', 'RUNNING'];
/** BullMQ states in which a job will still run (or runs now). */
const LIVE_QUEUE_STATES = ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'];
const SQL_TEXT = /\b(insert into|select\b[^]*\bfrom|update\b[^]*\bset|delete from)\b/i;
const STACK_TRACE = /\n\s+at \S/;

/** An import whose rows carry a knr prefix of their own, so that they can be counted. */
export interface ImportEffect {
  taskId: string;
  knrPrefix: string;
  rows: number;
}

export interface InvariantOptions {
  imports?: ImportEffect[];
  /** Also require that no task or job is open at all (after the test has waited for the work to settle). */
  allEnded?: boolean;
  /** Only look at tasks and jobs created from then on (what one test started). */
  since?: Date;
}

interface TaskRow {
  id: string;
  job_id: string;
  queue: string;
  name: string;
  status: string;
  error: string | null;
}
interface JobRow {
  id: string;
  status: string;
  error: string | null;
  task_status: string | null;
  successes: string;
  outputs: string;
}

async function queueStates(stack: FaultStack, tasks: TaskRow[]): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  const queues = new Map<string, Queue>();
  try {
    for (const task of tasks) {
      let queue = queues.get(task.queue);
      if (!queue) {
        queue = new Queue(task.queue, {
          connection: { host: '127.0.0.1', port: stack.redis.port, maxRetriesPerRequest: 1 },
          prefix: FAULT_REDIS_PREFIX,
        });
        queues.set(task.queue, queue);
      }
      states.set(task.id, await queue.getJobState(task.job_id));
    }
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
  }
  return states;
}

function unreadable(error: string | null): boolean {
  return error !== null && (SQL_TEXT.test(error) || STACK_TRACE.test(error));
}

async function taskViolations(
  stack: FaultStack,
  tasks: TaskRow[],
  allEnded: boolean,
): Promise<string[]> {
  const violations: string[] = [];
  const open = tasks.filter((t) => OPEN_TASK.includes(t.status));
  const states = await queueStates(stack, open);
  for (const task of open) {
    const state = states.get(task.id) ?? 'unknown';
    const what = `task ${task.id} (${task.queue}/${task.name})`;
    if (!LIVE_QUEUE_STATES.includes(state))
      violations.push(`${what} is ${task.status} but its queue job is ${state}`);
    else if (allEnded) violations.push(`${what} is still ${task.status}`);
  }
  for (const task of tasks)
    if (unreadable(task.error))
      violations.push(`task ${task.id} error shows SQL or a stack trace: ${task.error}`);
  return violations;
}

async function jobViolations(stack: FaultStack, since: Date): Promise<string[]> {
  const violations: string[] = [];
  const jobs = await stack.postgres.query<JobRow>(
    `select j.id, j.status::text, j.error, t.status::text as task_status,
            (select count(*) from job_events e where e.job_id = j.id and e.type = 'status'
                and e.payload->>'status' = 'SUCCEEDED') as successes,
            (select count(*) from artifacts a where a.job_id = j.id and a.kind::text = 'OUTPUT') as outputs
       from jobs j left join tasks t on t.id = j.task_id where j.created_at >= $1`,
    [since],
  );
  for (const job of jobs) {
    const taskOpen = job.task_status !== null && OPEN_TASK.includes(job.task_status);
    if (OPEN_JOB.includes(job.status) && !taskOpen)
      violations.push(
        `job ${job.id} is ${job.status} but its task is ${job.task_status ?? 'missing'}`,
      );
    if (job.status === 'SUCCEEDED' && job.task_status !== 'succeeded')
      violations.push(`job ${job.id} SUCCEEDED but its task is ${job.task_status}`);
    if (job.task_status === 'failed' && !['FAILED', 'SUCCEEDED'].includes(job.status))
      violations.push(`job ${job.id} is ${job.status} but its task failed`);
    if (Number(job.successes) > 1 || Number(job.outputs) > 1)
      violations.push(
        `job ${job.id} ran more than once: ${job.successes} SUCCEEDED events, ${job.outputs} outputs`,
      );
    if (unreadable(job.error))
      violations.push(`job ${job.id} error shows SQL or a stack trace: ${job.error}`);
  }
  return violations;
}

async function importViolations(
  stack: FaultStack,
  tasks: TaskRow[],
  imports: ImportEffect[],
): Promise<string[]> {
  const violations: string[] = [];
  for (const effect of imports) {
    const [{ count }] = await stack.postgres.query<{ count: string }>(
      "select count(*) from predictions where knr like $1 || '%'",
      [effect.knrPrefix],
    );
    const status = tasks.find((t) => t.id === effect.taskId)?.status ?? 'missing';
    const written = Number(count);
    // Succeeded: every row once. Ended otherwise: none. Still open: none yet, or all once (committed, not yet marked).
    const allowed =
      status === 'succeeded' ? [effect.rows] : OPEN_TASK.includes(status) ? [0, effect.rows] : [0];
    if (!allowed.includes(written))
      violations.push(
        `import ${effect.taskId} is ${status} with ${written} rows written for its ${effect.rows} ` +
          `(expected ${allowed.join(' or ')})`,
      );
  }
  return violations;
}

/**
 * What issue 10 requires after any outage, checked against the owned PostgreSQL and Redis directly: every open
 * task has a queue job that will run it; no 3D job is open while its task has ended, both records agree once
 * ended, and none succeeded twice; every import's rows exist once if it succeeded and not at all if it failed; no
 * error carries SQL or a stack trace; the worker process is alive. Returns the violations, empty when all hold.
 */
export async function invariantViolations(
  stack: FaultStack,
  options: InvariantOptions = {},
): Promise<string[]> {
  const since = options.since ?? new Date(0);
  const tasks = await stack.postgres.query<TaskRow>(
    'select id, job_id, queue, name, status::text, error from tasks where created_at >= $1',
    [since],
  );
  const violations = [
    ...(await taskViolations(stack, tasks, options.allEnded ?? false)),
    ...(await jobViolations(stack, since)),
    ...(await importViolations(stack, tasks, options.imports ?? [])),
  ];
  if (!(await stack.workerAlive()))
    violations.push(`the worker is not alive (exit: ${String(stack.worker.exit)})`);
  return violations;
}

/** Throws one readable error listing every violated invariant, with the processes' recent output. */
export async function assertInvariants(
  stack: FaultStack,
  options: InvariantOptions = {},
): Promise<void> {
  const violations = await invariantViolations(stack, options);
  if (violations.length > 0)
    throw new Error(`invariants violated:\n- ${violations.join('\n- ')}\n${stack.diagnostics()}`);
}

/**
 * Waits until no task and no 3D job is open any more (or `timeoutMs` has passed; the invariants then say what
 * stayed open). Database errors while PostgreSQL recovers count as "not yet".
 */
export async function waitUntilSettled(
  stack: FaultStack,
  timeoutMs: number,
  since = new Date(0),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await stack.postgres
      .query<{ count: string }>(
        `select (select count(*) from tasks where status::text = any($1) and created_at >= $3)
              + (select count(*) from jobs where status::text = any($2) and created_at >= $3) as count`,
        [OPEN_TASK, OPEN_JOB, since],
      )
      .catch(() => [{ count: '-1' }]);
    if (open[0].count === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
