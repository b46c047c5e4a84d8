import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserWithKey } from './support/fixtures';
import { createTestApp, type TestApp } from './support/test-app';

interface ListedPrediction {
  id: string;
  probability: number;
  predictionResult: number;
}
interface PredictionPage {
  items: ListedPrediction[];
  total: number | null;
  nextCursor: string | null;
}

describe('list paging: keyset cursors and includeTotal (shared by every list route)', () => {
  let t: TestApp;
  let key: string;
  const auth = () => ({ 'x-api-key': key });
  const list = async (query: string, status = 200): Promise<PredictionPage> =>
    (await t.http.get(`/api/v1/predictions?${query}`).set(auth()).expect(status)).body;

  /** Every page of a list by following nextCursor. */
  const walk = async (query: string): Promise<{ ids: string[]; pages: number }> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: PredictionPage = await list(
        `${query}${cursor ? `&cursor=${cursor}` : ''}&includeTotal=false`,
      );
      expect(page.total).toBeNull();
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  };

  beforeAll(async () => {
    t = await createTestApp();
    key = (await newUserWithKey(t, 'operator')).key;
    // Two batches: each batch shares one createdAt, so ties on the sort key are settled by the id.
    await t.http.post('/api/v1/predictions/mock?num_records=13').set(auth()).expect(201);
    await t.http.post('/api/v1/predictions/mock?num_records=12').set(auth()).expect(201);
  });
  afterAll(() => t.close());

  it('walks every row exactly once by cursor, in the same order as offset paging', async () => {
    const byOffset = await list('limit=100');
    expect(byOffset.total).toBe(25);
    expect(byOffset.nextCursor).toBeNull();
    const walked = await walk('limit=10');
    expect(walked.pages).toBe(3);
    expect(walked.ids).toEqual(byOffset.items.map((item) => item.id));
  });

  it('keeps the order with other sorts, both directions, and with filters', async () => {
    for (const query of ['sort=probability&order=asc', 'sort=knr&order=desc', 'sort=date']) {
      const all = await list(`limit=100&${query}`);
      expect((await walk(`limit=7&${query}`)).ids).toEqual(all.items.map((item) => item.id));
    }
    const positives = await list('limit=100&predictionResult=1');
    const walked = await walk('limit=4&predictionResult=1');
    expect(walked.ids).toEqual(positives.items.map((item) => item.id));
    expect(positives.total).toBe(positives.items.length);
  });

  it('gives the total only when asked, and the same nextCursor from skip=0 as from the first cursor page', async () => {
    const first = await list('limit=10');
    expect(first.total).toBe(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`limit=10&cursor=${first.nextCursor}`);
    expect(second.total).toBe(25);
    const offsetSecond = await list('limit=10&skip=10');
    expect(second.items.map((i) => i.id)).toEqual(offsetSecond.items.map((i) => i.id));
  });

  it('refuses forged cursors, a cursor of another sort, and skip with cursor, naming the parameter', async () => {
    const forged = Buffer.from('["not a date","x"]').toString('base64url');
    const shortArray = Buffer.from('[1]').toString('base64url');
    for (const cursor of ['!!', 'bm90IGpzb24', forged, shortArray]) {
      const res = await t.http.get(`/api/v1/predictions?cursor=${cursor}`).set(auth()).expect(400);
      expect(JSON.stringify(res.body.message)).toContain('cursor');
    }
    const first = await list('limit=5&sort=probability');
    const otherSort = await t.http
      .get(`/api/v1/predictions?sort=createdAt&cursor=${first.nextCursor}`)
      .set(auth())
      .expect(400);
    expect(JSON.stringify(otherSort.body.message)).toContain('cursor');
    const both = await t.http
      .get(`/api/v1/predictions?skip=5&cursor=${first.nextCursor}`)
      .set(auth())
      .expect(400);
    expect(JSON.stringify(both.body.message)).toContain('skip or cursor');
    await t.http.get('/api/v1/predictions?includeTotal=maybe').set(auth()).expect(400);
  });

  it('gives other list routes the same paging fields', async () => {
    const tasks = await t.http
      .get('/api/v1/tasks?limit=1&includeTotal=false')
      .set(auth())
      .expect(200);
    expect(tasks.body).toMatchObject({ total: null, nextCursor: null, items: [] });
  });
});
