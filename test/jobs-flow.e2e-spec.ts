import { NodeIO } from '@gltf-transform/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, tempDirectory } from './support/fixtures';
import { discImage } from './support/images';
import { followPresigned } from './support/presigned';
import { startS3rver, type TestS3Server } from './support/s3rver';
import { uploadImage } from './support/job-uploads';
import { createTestApp, eventually, type TestApp } from './support/test-app';

/** What each storage driver needs: a temp folder for `local`, an s3rver for `s3`. */
const drivers = {
  local: async () => {
    const dir = tempDirectory('jobs-flow-');
    return {
      env: { STORAGE_LOCAL_DIR: dir.path },
      /** Presigned URLs point at the API itself (PUBLIC_URL of the test app). */
      urlOrigin: 'http://localhost:3000',
      dispose: async () => dir.remove(),
    };
  },
  s3: async () => {
    const s3: TestS3Server = await startS3rver({ bucket: 'jobs-flow' });
    return { env: s3.env, urlOrigin: s3.endpoint, dispose: () => s3.dispose() };
  },
};

describe.each(Object.keys(drivers) as (keyof typeof drivers)[])(
  'the whole job flow on %s storage: ticket → upload → create → SUCCEEDED → download',
  (driver) => {
    let t: TestApp;
    let storage: Awaited<ReturnType<(typeof drivers)[typeof driver]>>;
    const auth = () => ({ 'x-api-key': t.adminKey });

    beforeAll(async () => {
      storage = await drivers[driver]();
      t = await createTestApp({ role: 'all', env: storage.env });
      await seedCatalogue(t);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.dispose();
    });

    const ticket = async () =>
      (
        await t.http
          .post('/api/v1/jobs/upload-ticket')
          .set(auth())
          .send({ filename: 'disc.png', content_type: 'image/png' })
          .expect(200)
      ).body as { upload_url: string; headers: Record<string, string>; object_name: string };

    it('makes a GLB with a mesh from an uploaded image', async () => {
      const upload = await uploadImage(t, await discImage(), { filename: 'disc.png' });
      expect(upload).toMatchObject({
        object_name: expect.stringMatching(/^uploads\/.+\/disc\.png$/),
        expires_in: 3600,
      });
      expect(new URL(upload.upload_url).origin).toBe(storage.urlOrigin);

      const created = await t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({
          model_id: 'relief-v1',
          input_params: { image_path: upload.object_name, resolution: 32 },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        model_id: 'relief-v1',
        status: 'QUEUED',
        input_params: {
          image_path: upload.object_name,
          resolution: 32,
          depth: 0.1,
          invert: false,
          smoothing: 1,
        },
      });
      expect(created.body.artifacts).toEqual([
        expect.objectContaining({
          kind: 'INPUT',
          object_name: upload.object_name,
          content_type: 'image/png',
        }),
      ]);

      const done = await eventually(async () => {
        const job = (await t.http.get(`/api/v1/jobs/${created.body.id}`).set(auth())).body;
        return ['SUCCEEDED', 'FAILED'].includes(job.status) ? job : undefined;
      }, 30_000);
      expect(done).toMatchObject({ status: 'SUCCEEDED', progress_percent: 100, error: null });
      expect(done.artifacts.map((a: { kind: string }) => a.kind).sort()).toEqual([
        'INPUT',
        'OUTPUT',
        'PREVIEW',
      ]);

      const events = (
        await t.http.get(`/api/v1/jobs/${created.body.id}/events`).set(auth()).expect(200)
      ).body;
      const statuses = events
        .filter((e: { type: string }) => e.type === 'status')
        .map((e: { payload: { status: string } }) => e.payload.status);
      expect(statuses).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
      expect(events.filter((e: { type: string }) => e.type === 'progress').length).toBeGreaterThan(
        2,
      );

      const download = await t.http
        .get(`/api/v1/jobs/${created.body.id}/download`)
        .set(auth())
        .expect(200);
      expect(download.body.expires_in).toBe(3600);
      const glb = await followPresigned(t, 'GET', download.body.download_url);
      expect(glb.status).toBe(200);
      const document = await new NodeIO().readBinary(new Uint8Array(glb.body));
      const primitive = document.getRoot().listMeshes()[0].listPrimitives()[0];
      expect(primitive.getAttribute('POSITION')?.getCount()).toBe(33 * 25);
    });

    it('refuses a job whose image was never uploaded, naming input_params.image_path', async () => {
      const upload = await ticket();
      const res = await t.http
        .post('/api/v1/jobs')
        .set(auth())
        .send({ model_id: 'relief-v1', input_params: { image_path: upload.object_name } })
        .expect(422);
      expect(JSON.stringify(res.body)).toContain('input_params.image_path');
      expect((await t.http.get('/api/v1/jobs').set(auth())).body.total).toBe(1);
    });
  },
);
