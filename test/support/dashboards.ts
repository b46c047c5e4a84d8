import type { TestApp } from './test-app';

export const METRIC_FIELDS = [
  'iaEfficiency',
  'modelAccuracy',
  'processingTimeMs',
  'memoryUsageMb',
  'errorRate',
] as const;
export type Field = (typeof METRIC_FIELDS)[number];

export interface Point extends Record<Field, number> {
  dashboardId?: string;
  timestamp?: string;
}

/** Creates a dashboard through the API and returns its id. */
export async function createDashboard(t: TestApp, key: string, name: string): Promise<string> {
  const res = await t.http.post('/api/v1/dashboards').set('x-api-key', key).send({ name });
  if (res.status !== 201) throw new Error(`creating dashboard ${name}: ${res.text}`);
  return res.body.id as string;
}

/** Posts points in one request; fails the test unless they were all written. */
export async function ingest(t: TestApp, key: string, points: Point[]): Promise<void> {
  const res = await t.http.post('/api/v1/metrics').set('x-api-key', key).send({ points });
  if (res.status !== 201) throw new Error(`ingest: ${res.status} ${res.text}`);
}

/** A point with values from `random` (0..1), inside every field's range. */
export const pointAt = (dashboardId: string, timestamp: Date, random: () => number): Point => ({
  dashboardId,
  timestamp: timestamp.toISOString(),
  iaEfficiency: random(),
  modelAccuracy: random(),
  processingTimeMs: random() * 1000,
  memoryUsageMb: random() * 4096,
  errorRate: random() / 10,
});

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** PostgreSQL's percentile_cont(q): linear interpolation between the sorted values around (n - 1) * q. */
export function percentileCont(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** avg, min, max and p95 of `values`, as the API reports them. */
export const statsOf = (values: number[]) => ({
  avg: values.reduce((sum, v) => sum + v, 0) / values.length,
  min: Math.min(...values),
  max: Math.max(...values),
  p95: percentileCont(values, 0.95),
});
