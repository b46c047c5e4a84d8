import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedRunner } from '../src/seeding/seed-runner';
import { newUserWithKey, tempDirectory, type TempDirectory } from './support/fixtures';
import { discImage } from './support/images';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

/** superagent's parser for a binary body: the raw bytes as a Buffer. */
const binary = (res: unknown, callback: (error: Error | null, body: Buffer) => void): void => {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** Annotated photos: served under server-made names only, with their content type, no traversal. */
describe('tools media', () => {
  let t: TestApp;
  let storage: TempDirectory;
  let mediaName: string;

  beforeAll(async () => {
    storage = tempDirectory('tools-media-');
    t = await createTestApp({ env: { STORAGE_LOCAL_DIR: storage.path } });
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('tools'));
    const user = await newUserWithKey(t, 'viewer');
    const res = await t.http
      .post('/api/v1/detections')
      .set('x-api-key', user.key)
      .field('toolkit_id', '1')
      .attach('image', await discImage(80, 60), 'kit.png');
    expect(res.status).toBe(200);
    mediaName = res.body.annotatedImageUrl.replace('/api/v1/media/', '');
  });
  afterAll(async () => {
    await t.close();
    storage.remove();
  });

  it('serves the annotated JPEG without an API key, on the canonical and the legacy route', async () => {
    expect(mediaName).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    for (const path of [`/api/v1/media/${mediaName}`, `/media/${mediaName}`]) {
      const res = await t.http.get(path).buffer(true).parse(binary);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect((res.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
  });

  it('answers 404 for a well-formed name that was never issued', async () => {
    const unknown = '3f0c9a52-4c1e-4d7a-9a57-2b6f4f1f0e21.jpg';
    const canonical = await t.http.get(`/api/v1/media/${unknown}`);
    expect(canonical.status).toBe(404);
    expect(canonical.body.statusCode).toBe(404);
    const legacy = await t.http.get(`/media/${unknown}`);
    expect(legacy.status).toBe(404);
    expect(legacy.body).toEqual({ detail: expect.any(String) });
  });

  it('refuses traversal, plain and URL-encoded, and names it did not make', async () => {
    const attempts = [
      '../../etc/passwd',
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%5c..%5cwindows%5cwin.ini',
      `..%2F${mediaName}`,
      `tools%2Fannotated%2F${mediaName}`,
      mediaName.toUpperCase(),
      mediaName.replace('.jpg', '.png'),
      `${mediaName}%00.png`,
    ];
    for (const attempt of attempts) {
      for (const prefix of ['/api/v1/media/', '/media/']) {
        const res = await t.http.get(`${prefix}${attempt}`);
        expect([400, 404], `${prefix}${attempt}`).toContain(res.status);
        expect(res.headers['content-type'], `${prefix}${attempt}`).toMatch(/json/);
      }
    }
    const encoded = await t.http.get('/api/v1/media/..%2F..%2Fetc%2Fpasswd');
    expect(encoded.status).toBe(400);
    expect(encoded.body.message).toMatch(/Not a media name/);
    const legacy = await t.http.get('/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd');
    expect(legacy.status).toBe(400);
    expect(legacy.body).toEqual({ detail: expect.stringMatching(/Not a media name/) });
  });
});
