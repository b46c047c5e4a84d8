import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig, validateEnvironment } from '../src/config';
import { SeedRunner } from '../src/seeding/seed-runner';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { startS3WriteGate, type S3WriteGate } from './support/s3-write-gate';
import { startS3rver, type TestS3Server } from './support/s3rver';
import { createTestApp, eventually, inRequestContext, type TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';
import { toolkitPhoto } from './support/toolkit-photos';

/** superagent's parser for a binary body: the raw bytes as a Buffer. */
const binary = (res: unknown, callback: (error: Error | null, body: Buffer) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

const RECIPES = 'tools/annotations/';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const recipeOf = (name: string): string => `${RECIPES}${name.replace('.jpg', '.json')}`;

/**
 * Two API processes (apps) on one database, Redis prefix and S3 store, the store behind a gate that holds or
 * refuses the writes of the boxes: a detection answers before its boxes are stored, its URL opens in the same
 * process once the write lands and in the other within the grace time, shutdown waits for the write, a failed
 * write is a 404 and not a cached answer; and a result another process put in Redis is answered without the model.
 */
describe('tools across processes: boxes stored after the answer, results shared in Redis', () => {
  let s3: TestS3Server;
  let gate: S3WriteGate;
  let t: TestApp;
  let other: NestExpressApplication;
  let otherHttp: TestAgent;
  let operator: UserWithKey;
  let redis: Redis;
  let seed = 100;

  const anotherApp = async (): Promise<NestExpressApplication> => {
    const app = await createApp(new AppConfig(validateEnvironment(t.variables), 'api'));
    await app.init();
    return app;
  };
  const detect = (http: TestAgent, image: Buffer) =>
    http
      .post('/api/v1/detections')
      .set('x-api-key', operator.key)
      .field('toolkit_id', '1')
      .attach('image', image, 'kit.jpg');
  const open = (http: TestAgent, url: string) => http.get(url).buffer(true).parse(binary);
  const nameOf = (url: string): string => url.replace('/api/v1/media/', '');
  const newPhoto = async (): Promise<Buffer> =>
    (await toolkitPhoto(['hammer', 'wrench'], (seed += 1), { width: 320, height: 240 })).image;
  /** Successful runs of the detector in a process since it loaded it (warm-up included). */
  const detectorRuns = async (http: TestAgent): Promise<number> => {
    const models = await http.get('/api/v1/inference/models').set('x-api-key', t.adminKey);
    const detector = models.body.find((m: { name: string }) => m.name === 'tool-detector');
    return detector.versions.find((v: { version: string }) => v.version === '1.0.0').stats.count;
  };

  beforeAll(async () => {
    s3 = await startS3rver();
    gate = await startS3WriteGate(s3);
    t = await createTestApp({ env: gate.env });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    operator = await newUserWithKey(t, 'operator');
    other = await anotherApp();
    otherHttp = request(other.getHttpServer());
    redis = new Redis(TEST_REDIS_URL);
  });
  afterEach(async () => {
    await gate.release();
  });
  afterAll(async () => {
    redis?.disconnect();
    await other?.close();
    await t?.close();
    await gate?.close();
    await s3?.dispose();
  });

  it('answers before the boxes are stored; a GET to the same process waits for that write', async () => {
    gate.hold(RECIPES);
    const res = await detect(t.http, await newPhoto());
    expect(res.status).toBe(200);
    const name = nameOf(res.body.annotatedImageUrl);
    expect(await gate.nextHeld()).toBe(recipeOf(name));

    const opened = open(t.http, res.body.annotatedImageUrl).then((r) => r);
    // The GET has looked for a drawn image (none yet) and now waits for the write this process has in flight
    // (given the time to look for the boxes meanwhile, which it must not).
    await gate.answered((e) => e.method === 'GET' && e.key === `tools/annotated/${name}`);
    await sleep(200);
    expect(await gate.release()).toEqual([{ key: recipeOf(name), outcome: 200 }]);
    const image = await opened;
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    // It waited for its own write instead of looking for the boxes before they were there.
    expect(gate.exchanges.filter((e) => e.key === recipeOf(name) && e.status === 404)).toEqual([]);
  });

  it('serves, in another process, a name whose boxes land while it waits', async () => {
    gate.hold(RECIPES);
    const res = await detect(t.http, await newPhoto());
    expect(res.status).toBe(200);
    const name = nameOf(res.body.annotatedImageUrl);
    await gate.nextHeld();

    const opened = open(otherHttp, res.body.annotatedImageUrl).then((r) => r);
    // The other process looked for the boxes and did not find them (yet).
    await gate.answered((e) => e.method === 'GET' && e.key === recipeOf(name) && e.status === 404);
    await gate.release();
    const image = await opened;
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.body).toEqual((await open(t.http, res.body.annotatedImageUrl)).body);
  });

  it('answers 404 for a well-formed name nobody issued, after looking for its boxes several times', async () => {
    const unknown = '0b3c5a52-4c1e-4d7a-9a57-2b6f4f1f0e21.jpg';
    const res = await otherHttp.get(`/api/v1/media/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`No media named ${unknown}`);
    const reads = gate.exchanges.filter((e) => e.method === 'GET' && e.key === recipeOf(unknown));
    expect(reads.length).toBeGreaterThan(3);
  });

  it('answers 404 for a URL whose boxes could not be stored, and computes the photo again', async () => {
    gate.refuse(RECIPES);
    const photo = await newPhoto();
    const res = await detect(t.http, photo);
    expect(res.status).toBe(200);
    const name = nameOf(res.body.annotatedImageUrl);
    await gate.answered((e) => e.method === 'PUT' && e.key === recipeOf(name));
    await gate.release();

    expect((await t.http.get(res.body.annotatedImageUrl)).status).toBe(404);
    // The answer naming that image is not served from the cache again.
    const again = await eventually(async () => {
      const body = (await detect(t.http, photo)).body;
      return body.cached === false ? body : undefined;
    });
    expect(again.annotatedImageUrl).not.toBe(res.body.annotatedImageUrl);
    expect((await open(t.http, again.annotatedImageUrl)).status).toBe(200);
  });

  it('waits at shutdown for the boxes still being written', async () => {
    const closing = await anotherApp();
    gate.hold(RECIPES);
    const res = await detect(request(closing.getHttpServer()), await newPhoto());
    expect(res.status).toBe(200);
    const name = nameOf(res.body.annotatedImageUrl);
    await gate.nextHeld();

    const closed = closing.close();
    // Long enough for the close to reach the storage client, which it must not do before the write is over.
    await sleep(500);
    expect(await gate.release()).toEqual([{ key: recipeOf(name), outcome: 200 }]);
    await closed;
    expect((await open(otherHttp, res.body.annotatedImageUrl)).status).toBe(200);
  });

  it('answers a result another process stored in Redis without running the model', async () => {
    const photo = await newPhoto();
    const first = await detect(t.http, photo);
    expect(first.body.cached).toBe(false);
    // The first process writes the result to Redis after answering.
    const sha256 = createHash('sha256').update(photo).digest('hex');
    await eventually(async () => {
      const keys = await redis.keys(`${t.config.redis.keyPrefix}:cache:tools:detection:*${sha256}`);
      return keys.length > 0 ? keys : undefined;
    });
    const runsBefore = await detectorRuns(otherHttp);

    const repeat = await detect(otherHttp, photo);

    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ ...first.body, cached: true });
    expect(await detectorRuns(otherHttp)).toBe(runsBefore);
    // A photo it has not seen runs the model once.
    expect((await detect(otherHttp, await newPhoto())).body.cached).toBe(false);
    expect(await detectorRuns(otherHttp)).toBe(runsBefore + 1);
  });
});
