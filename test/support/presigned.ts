import type { TestApp } from './test-app';

/** Path and query of a presigned URL, for supertest against the app. */
export const pathOf = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

/**
 * Follows a presigned URL the way a client would: URLs of the app itself (the local storage driver, under
 * PUBLIC_URL) go through supertest, since the test app does not listen on that address; others (S3) over HTTP.
 */
export async function followPresigned(
  t: TestApp,
  method: 'GET' | 'PUT',
  url: string,
  options: { headers?: Record<string, string>; body?: Buffer } = {},
): Promise<{ status: number; body: Buffer }> {
  if (new URL(url).origin === new URL(t.config.http.publicUrl).origin) {
    const req = method === 'GET' ? t.http.get(pathOf(url)) : t.http.put(pathOf(url));
    const res = await req
      .set(options.headers ?? {})
      .send(options.body)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: res.status, body: res.body as Buffer };
  }
  const res = await fetch(url, { method, headers: options.headers, body: options.body });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}
