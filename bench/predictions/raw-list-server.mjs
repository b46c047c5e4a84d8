// The baseline for GET /api/v1/predictions: a bare node:http server doing the same database work (one page
// ordered by created_at desc, id desc, plus the exact count) with a `pg` pool, answering the same JSON shape.
import { createServer } from 'node:http';
import pg from 'pg';

const [databaseUrl, port] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

const columns =
  'id, created_at, updated_at, knr, date, feature1, feature2, feature3, prediction_result, probability, real_result, model_version';

const toDto = (row) => ({
  id: row.id,
  knr: row.knr,
  date: row.date.toISOString(),
  feature1: row.feature1,
  feature2: row.feature2,
  feature3: row.feature3,
  predictionResult: row.prediction_result,
  probability: row.probability,
  realResult: row.real_result,
  modelVersion: row.model_version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

createServer(async (req, res) => {
  try {
    if (!req.headers['x-api-key']) throw new Error('no key');
    const url = new URL(req.url, 'http://localhost');
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const includeTotal = url.searchParams.get('includeTotal') !== 'false';
    const [page, count] = await Promise.all([
      pool.query(`select ${columns} from predictions order by created_at desc, id desc limit $1`, [
        limit + 1,
      ]),
      includeTotal ? pool.query('select count(*)::int as total from predictions') : null,
    ]);
    const items = page.rows.slice(0, limit).map(toDto);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        items,
        total: count ? count.rows[0].total : null,
        skip: 0,
        limit,
        nextCursor: page.rows.length > limit ? 'next' : null,
      }),
    );
  } catch {
    res.writeHead(400).end();
  }
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
