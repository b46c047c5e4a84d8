import { Redis } from 'ioredis';
import request from 'supertest';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard, ingest, pointAt, seeded } from './support/dashboards';
import { newUserWithKey, type UserWithKey } from './support/fixtures';
import { createApp } from '../src/bootstrap/create-app';
import { AppConfig, validateEnvironment } from '../src/config';
import { createTestApp, eventually, type TestApp } from './support/test-app';
import { TEST_REDIS_URL } from './support/test-services';

/** Collects a binary response body (supertest buffers only text by default). */
const binaryParser = (
  res: NodeJS.ReadableStream,
  done: (error: Error | null, body: Buffer) => void,
): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('dashboard metrics: cache, CSV and PNG', () => {
  let t: TestApp;
  let owner: UserWithKey;
  let redis: Redis;
  let db: Client;
  let id: string;
  const as = () => ({ 'x-api-key': owner.key });
  const closedRange = 'from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z';
  const cachedEntries = async () =>
    (await redis.keys(`${t.config.redis.keyPrefix}:cache:dashboards:${id}:*`)).filter(
      (k) => !k.endsWith(':state'),
    );

  beforeAll(async () => {
    t = await createTestApp();
    owner = await newUserWithKey(t);
    redis = new Redis(TEST_REDIS_URL);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    id = await createDashboard(t, owner.key, 'Exports');
    const random = seeded(21);
    const points = Array.from({ length: 96 }, (_, i) =>
      pointAt(id, new Date(Date.parse('2026-02-01T00:00:00Z') + i * 15 * 60_000 + 1000), random),
    );
    await ingest(t, owner.key, points);
  });
  afterAll(async () => {
    redis.disconnect();
    await db.end();
    await t.close();
  });

  it('serves a repeated query from Redis and recomputes it after points are ingested for the dashboard', async () => {
    const url = `/api/v1/dashboards/${id}/metrics?${closedRange}&bucket=1h`;
    const first = await t.http.get(url).set(as()).expect(200);
    expect(first.body.summary.count).toBe(96);
    const [entry] = await cachedEntries();
    expect(entry).toContain(':2026-02-01T00:00:00.000Z:2026-02-02T00:00:00.000Z:1h');
    expect(await redis.ttl(entry)).toBeGreaterThan(t.config.cache.ttlSeconds - 5);

    // Rows removed behind the API's back: the cached answer is still what the API returns.
    await db.query(
      `delete from metrics where dashboard_id = $1 and "timestamp" < '2026-02-01T01:00:00Z'`,
      [id],
    );
    const cached = await t.http.get(url).set(as()).expect(200);
    expect(cached.text).toBe(first.text);

    // Ingesting for this dashboard makes every cached result of it stale.
    await ingest(t, owner.key, [pointAt(id, new Date('2026-02-01T12:30:00Z'), seeded(1))]);
    const fresh = await t.http.get(url).set(as()).expect(200);
    expect(fresh.body.summary.count).toBe(96 - 4 + 1);
    expect(fresh.body.series[0].t).toBe('2026-02-01T01:00:00.000Z');
  });

  it('checks ownership on a cache hit, and a deleted dashboard is not served from the cache', async () => {
    const doomed = await createDashboard(t, owner.key, 'Doomed');
    await ingest(t, owner.key, [pointAt(doomed, new Date('2026-02-01T05:00:00Z'), seeded(2))]);
    const url = `/api/v1/dashboards/${doomed}/metrics?${closedRange}`;
    const cached = await t.http.get(url).set(as()).expect(200);
    const stranger = await newUserWithKey(t);
    await t.http.get(url).set('x-api-key', stranger.key).expect(403);
    expect((await t.http.get(url).set('x-api-key', t.adminKey).expect(200)).text).toBe(cached.text);
    await t.http.delete(`/api/v1/dashboards/${doomed}`).set(as()).expect(204);
    await t.http.get(url).set(as()).expect(404);
  });

  it('a second API process keeps hits in memory and still hears ingests and deletions made through the first', async () => {
    const second = await createApp(new AppConfig(validateEnvironment(t.variables), 'api'));
    await second.init();
    try {
      const other = request(second.getHttpServer());
      const shared = await createDashboard(t, owner.key, 'Shared');
      await ingest(t, owner.key, [
        pointAt(shared, new Date('2026-02-01T05:00:00Z'), seeded(3)),
        pointAt(shared, new Date('2026-02-01T05:30:00Z'), seeded(4)),
      ]);
      const url = `/api/v1/dashboards/${shared}/metrics?${closedRange}`;
      const count = async (agent: typeof other) =>
        ((await agent.get(url).set(as()).expect(200)).body as { summary: { count: number } })
          .summary.count;
      expect(await count(other)).toBe(2);
      // A hit is answered from the second process's memory: a row removed behind the API's back does not show.
      await db.query(
        `delete from metrics where dashboard_id = $1 and "timestamp" > '2026-02-01T05:10:00Z'`,
        [shared],
      );
      expect(await count(other)).toBe(2);
      // Points ingested through the first process: the second's kept answer is dropped.
      await ingest(t, owner.key, [
        pointAt(shared, new Date('2026-02-01T06:00:00Z'), seeded(5)),
        pointAt(shared, new Date('2026-02-01T07:00:00Z'), seeded(6)),
      ]);
      await eventually(async () => ((await count(other)) === 3 ? true : undefined), 5000);
      await t.http.delete(`/api/v1/dashboards/${shared}`).set(as()).expect(204);
      await eventually(
        async () => ((await other.get(url).set(as())).status === 404 ? true : undefined),
        5000,
      );
    } finally {
      await second.close();
    }
  });

  it('caches period queries ("now") only briefly', async () => {
    await t.http.get(`/api/v1/dashboards/${id}/metrics?period=7d`).set(as()).expect(200);
    const open = (await cachedEntries()).filter((k) => k.endsWith(':15m'));
    expect(open).toHaveLength(1);
    expect(await redis.ttl(open[0])).toBeLessThanOrEqual(t.config.dashboards.openRangeCacheSeconds);
  });

  it('exports the same query as CSV: a header and one row per bucket, or per point', async () => {
    const json = (
      await t.http
        .get(`/api/v1/dashboards/${id}/metrics?${closedRange}&bucket=6h`)
        .set(as())
        .expect(200)
    ).body;
    const res = await t.http
      .get(`/api/v1/dashboards/${id}/metrics.csv?${closedRange}&bucket=6h`)
      .set(as())
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    const [header, ...rows] = res.text
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    expect(header.slice(0, 6)).toEqual([
      't',
      'count',
      'iaEfficiency_avg',
      'iaEfficiency_min',
      'iaEfficiency_max',
      'iaEfficiency_p95',
    ]);
    expect(header).toHaveLength(2 + 5 * 4);
    expect(rows).toHaveLength(json.series.length);
    json.series.forEach(
      (bucket: { t: string; count: number; errorRate: { p95: number } }, i: number) => {
        expect(rows[i][0]).toBe(bucket.t);
        expect(Number(rows[i][1])).toBe(bucket.count);
        expect(Number(rows[i][header.indexOf('errorRate_p95')])).toBe(bucket.errorRate.p95);
      },
    );

    const raw = await t.http
      .get(
        `/api/v1/dashboards/${id}/metrics.csv?from=2026-02-01T02:00:00Z&to=2026-02-01T03:00:00Z&bucket=raw`,
      )
      .set(as())
      .expect(200);
    const lines = raw.text.trim().split('\n');
    expect(lines[0]).toBe('t,iaEfficiency,modelAccuracy,processingTimeMs,memoryUsageMb,errorRate');
    expect(lines).toHaveLength(1 + 4);
    const empty = await t.http
      .get(`/api/v1/dashboards/${id}/metrics.csv?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`)
      .set(as())
      .expect(200);
    expect(empty.text.trim().split('\n')).toHaveLength(1);
  });

  it('draws the same query as a PNG of the requested size', async () => {
    const res = await t.http
      .get(`/api/v1/dashboards/${id}/metrics.png?${closedRange}&bucket=1h&width=800&height=400`)
      .set(as())
      .buffer(true)
      .parse(binaryParser as unknown as Parameters<request.Test['parse']>[0])
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.body as Buffer;
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.readUInt32BE(16)).toBe(800); // IHDR width
    expect(png.readUInt32BE(20)).toBe(400); // IHDR height
    await t.http.get(`/api/v1/dashboards/${id}/metrics.png?width=10`).set(as()).expect(400);
  });
});
