import sharp from 'sharp';
import type { FaultStack } from './fault-stack';

/** Polls `check` until it returns a value; throws `what` when `timeoutMs` has passed. */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A busy PNG (a noisy diagonal pattern) large enough that a relief job on it runs for a few seconds. */
export function busyImage(width = 2400, height = 1800): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 31 + y * 17) % 256;
      pixels[at + 1] = (x * y) % 253;
      pixels[at + 2] = (x ^ y) & 0xff;
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Uploads `image` through a presigned ticket, as a client would; returns the stored object's name. */
export async function uploadImage(stack: FaultStack, image: Buffer): Promise<string> {
  const ticket = await stack
    .http()
    .post('/api/v1/jobs/upload-ticket')
    .set(stack.auth())
    .send({ filename: 'relief.png', content_type: 'image/png' })
    .expect(200);
  const put = await fetch(ticket.body.upload_url, {
    method: 'PUT',
    headers: ticket.body.headers,
    body: image,
  });
  if (!put.ok) throw new Error(`upload failed with ${put.status}`);
  return ticket.body.object_name as string;
}

/** The body of POST /api/v1/jobs for a relief-v1 job on an uploaded image. */
export const reliefJobRequest = (objectName: string): Record<string, unknown> => ({
  model_id: 'relief-v1',
  input_params: { image_path: objectName, resolution: 256, smoothing: 4 },
});

/** Uploads `image` and creates a relief-v1 job from it; returns the job's id. */
export async function createReliefJob(stack: FaultStack, image: Buffer): Promise<string> {
  const objectName = await uploadImage(stack, image);
  const created = await stack
    .http()
    .post('/api/v1/jobs')
    .set(stack.auth())
    .send(reliefJobRequest(objectName))
    .expect(201);
  return created.body.id as string;
}

/** A valid prediction CSV of `rows` rows whose knr values all start with `knrPrefix`. */
export function predictionCsv(knrPrefix: string, rows: number): Buffer {
  const lines = ['knr,date,feature1,feature2,feature3,real_result'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${knrPrefix}${i},2026-05-0${(i % 9) + 1}T08:00:00Z,${40 + (i % 70)},${(i % 15) + 0.25},${(i % 30) - 15},${i % 2}`,
    );
  return Buffer.from(lines.join('\n'));
}

/** Posts a CSV import; returns its task id. */
export async function startImport(stack: FaultStack, csv: Buffer): Promise<string> {
  const accepted = await stack
    .http()
    .post('/api/v1/predictions/import')
    .set(stack.auth())
    .attach('file', csv, 'fault.csv')
    .expect(202);
  return accepted.body.id as string;
}

/** Status of a 3D job and of its task, read from the database. */
export async function jobRecord(
  stack: FaultStack,
  jobId: string,
): Promise<{ status: string; error: string | null; taskId: string; taskStatus: string }> {
  const [row] = await stack.postgres.query<{
    status: string;
    error: string | null;
    task_id: string;
    task_status: string;
  }>(
    `select j.status::text, j.error, j.task_id, t.status::text as task_status
       from jobs j left join tasks t on t.id = j.task_id where j.id = $1`,
    [jobId],
  );
  return { status: row.status, error: row.error, taskId: row.task_id, taskStatus: row.task_status };
}

/** Status, error and attempts of a task, read from the database. */
export async function taskRecord(
  stack: FaultStack,
  taskId: string,
): Promise<{ status: string; error: string | null; attempts: number }> {
  const [row] = await stack.postgres.query<{
    status: string;
    error: string | null;
    attempts: number;
  }>('select status::text, error, attempts from tasks where id = $1', [taskId]);
  return row;
}

/** Waits until the task's status is one of `statuses`, polling the database. */
export function taskReaches(
  stack: FaultStack,
  taskId: string,
  statuses: string[],
  timeoutMs: number,
): Promise<string> {
  return pollUntil(
    `task ${taskId} reaching ${statuses.join('/')}`,
    async () => {
      const { status } = await taskRecord(stack, taskId);
      return statuses.includes(status) ? status : undefined;
    },
    timeoutMs,
  );
}
