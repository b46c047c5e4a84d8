import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import { ObjectKeys } from '../src/storage/object-keys';
import { ObjectStorage } from '../src/storage/object-storage';
import { S3RVER_CREDENTIALS, startS3rver, type TestS3Server } from './support/s3rver';
import { createTestApp, eventually, type TestApp } from './support/test-app';

const clientFor = (endpoint: string): S3Client =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: S3RVER_CREDENTIALS.accessKey,
      secretAccessKey: S3RVER_CREDENTIALS.secretKey,
    },
  });

const readiness = async (t: TestApp) => {
  const res = await t.http.get('/health/ready');
  const storage = (res.status === 200 ? res.body.info : res.body.details?.details)?.storage;
  return { status: res.status, storage, message: res.body.message as string | undefined };
};

describe('s3 driver against s3rver', () => {
  let s3: TestS3Server;
  let t: TestApp;
  let storage: ObjectStorage;
  let keys: ObjectKeys;

  beforeAll(async () => {
    s3 = await startS3rver({ bucket: 'fresh-bucket' });
    t = await createTestApp({
      env: { ...s3.env, MINIO_PUBLIC_ENDPOINT: `http://localhost:${s3.port}/` },
    });
    storage = t.app.get(ObjectStorage);
    keys = t.app.get(ObjectKeys);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.dispose();
  });

  it('creates the missing bucket at start', async () => {
    const client = clientFor(s3.endpoint);
    const { Buckets } = await client.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual(['fresh-bucket']);
    client.destroy();
    expect(storage.bucket).toBe('fresh-bucket');
  });

  it('signs presigned URLs for the public endpoint, path-style, with Content-Type bound', async () => {
    const key = keys.generate('uploads', 'a.png');
    const upload = await storage.presignPut(key, {
      contentType: 'image/png',
      expiresInSeconds: 600,
    });
    const url = new URL(upload.url);
    expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:${s3.port}/fresh-bucket/${key}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-type', 'host']),
    );
    // No checksum parameters: they would make MinIO or AWS reject the client's upload.
    expect([...url.searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);

    const exact = new URL(
      (await storage.presignPut(key, { contentType: 'image/png', contentLength: 10, maxBytes: 10 }))
        .url,
    );
    expect(exact.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );

    const put = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: Buffer.from('png bytes'),
    });
    expect(put.status).toBe(200);
    const download = await storage.presignGet(key);
    expect(new URL(download.url).host).toBe(`localhost:${s3.port}`);
    expect(await (await fetch(download.url)).text()).toBe('png bytes');
  });

  it('reports storage down when S3 stops answering, and up again (bucket recreated) when it is back', async () => {
    expect(await readiness(t)).toMatchObject({ status: 200, storage: { status: 'up' } });
    await s3.stop();
    const down = await eventually(async () => {
      const r = await readiness(t);
      return r.status === 503 ? r : undefined;
    });
    expect(down.message).toMatch(/storage/);
    expect(down.storage).toMatchObject({ status: 'down', driver: 's3', bucket: 'fresh-bucket' });
    expect(down.storage.message).toBeTruthy();

    await s3.restart({ fresh: true });
    await eventually(async () => ((await readiness(t)).status === 200 ? true : undefined));
    const client = clientFor(s3.endpoint);
    await expect(
      client.send(new HeadBucketCommand({ Bucket: 'fresh-bucket' })),
    ).resolves.toBeDefined();
    client.destroy();
  });
});

describe('s3 driver when S3 is unreachable at start', () => {
  let port: number;
  let t: TestApp;
  let s3: TestS3Server | undefined;

  beforeAll(async () => {
    port = await findFreePort();
    t = await createTestApp({
      env: {
        STORAGE_DRIVER: 's3',
        MINIO_ENDPOINT: `http://127.0.0.1:${port}`,
        MINIO_ACCESS_KEY: S3RVER_CREDENTIALS.accessKey,
        MINIO_SECRET_KEY: S3RVER_CREDENTIALS.secretKey,
        MINIO_BUCKET: 'late-bucket',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.dispose();
  });

  it('still starts, reports storage down, and becomes ready once S3 answers', async () => {
    const down = await readiness(t);
    expect(down.status).toBe(503);
    expect(down.storage).toMatchObject({ status: 'down', driver: 's3' });
    expect((await t.http.get('/health/live')).status).toBe(200);

    s3 = await startS3rver({ port, bucket: 'late-bucket' });
    await eventually(async () => ((await readiness(t)).status === 200 ? true : undefined));
    const storage = t.app.get(ObjectStorage);
    const key = t.app.get(ObjectKeys).generate('tests', 'late.txt');
    await storage.put(key, Buffer.from('now it works'), { contentType: 'text/plain' });
    expect((await storage.head(key))?.size).toBe(12);
  });
});

describe('s3 driver with bucket creation disabled', () => {
  let s3: TestS3Server;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startS3rver({ bucket: 'not-created' });
    t = await createTestApp({ env: { ...s3.env, STORAGE_CREATE_BUCKET: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.dispose();
  });

  it('does not create the bucket and names the problem in readiness', async () => {
    const down = await readiness(t);
    expect(down.status).toBe(503);
    expect(down.storage.message).toMatch(/not-created does not exist/);
  });
});
