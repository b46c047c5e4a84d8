import { expect } from 'vitest';
import { followPresigned } from './presigned';
import type { TestApp } from './test-app';

export interface UploadTicket {
  upload_url: string;
  headers: Record<string, string>;
  object_name: string;
  expires_in: number;
}

/** Asks for an upload ticket (as `apiKey`, the admin by default) and PUTs `image` through it, as a client would. */
export async function uploadImage(
  t: TestApp,
  image: Buffer,
  options: { apiKey?: string; filename?: string } = {},
): Promise<UploadTicket> {
  const ticket = await t.http
    .post('/api/v1/jobs/upload-ticket')
    .set('x-api-key', options.apiKey ?? t.adminKey)
    .send({ filename: options.filename ?? 'image.png', content_type: 'image/png' })
    .expect(200);
  const put = await followPresigned(t, 'PUT', ticket.body.upload_url, {
    headers: ticket.body.headers,
    body: image,
  });
  expect(put.status).toBe(200);
  return ticket.body as UploadTicket;
}
