import { eventually, type TestApp } from './test-app';

const TASK_ENDED = ['succeeded', 'failed', 'canceled'];
const JOB_ENDED = ['SUCCEEDED', 'FAILED', 'CANCELED'];

interface WaitOptions {
  /** API key to ask with (the admin's by default). */
  apiKey?: string;
  timeoutMs?: number;
}

async function waitForResource<T extends { status: string }>(
  t: TestApp,
  path: string,
  statuses: string[],
  options: WaitOptions,
): Promise<T> {
  return eventually(async () => {
    const res = await t.http.get(path).set('x-api-key', options.apiKey ?? t.adminKey);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
    return statuses.includes(res.body.status) ? (res.body as T) : undefined;
  }, options.timeoutMs ?? 30_000);
}

/** Polls `GET /api/v1/tasks/{id}` until the task has one of `statuses` (by default: it has ended). */
export function waitForTask<
  T extends { status: string } = Record<string, unknown> & { status: string },
>(t: TestApp, id: string, statuses: string[] = TASK_ENDED, options: WaitOptions = {}): Promise<T> {
  return waitForResource<T>(t, `/api/v1/tasks/${id}`, statuses, options);
}

/** Polls `GET /api/v1/jobs/{id}` until the job has one of `statuses` (by default: it has ended). */
export function waitForJob<
  T extends { status: string } = Record<string, unknown> & { status: string },
>(t: TestApp, id: string, statuses: string[] = JOB_ENDED, options: WaitOptions = {}): Promise<T> {
  return waitForResource<T>(t, `/api/v1/jobs/${id}`, statuses, options);
}
