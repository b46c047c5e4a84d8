// List-route benchmark: GET /api/v1/predictions against the compiled app in production mode (auth, validation and
// request logging on), side by side in the same run with the same database work done by a raw `pg` client.
//  1. 300 rows (the demo seed): throughput at 32 connections, the app (with and without its in-process list cache,
//     TABLE_CACHE_SECONDS=0) vs a bare node:http + pg server.
//  2. 1,000,000 rows: latency p50/p95 of one request at a time for the first page, a cursor page 10,000 pages deep
//     and a filtered page, the app without its list cache vs the raw query alone.
//   npm run bench:predictions-list        (BENCH_SECONDS=10, BENCH_CONNECTIONS=32, BENCH_ROWS=1000000)
import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import pg from 'pg';
import { BenchStack, apiKey, connections, freePort, load, root, row } from './bench-app.mjs';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const headers = { 'x-api-key': apiKey };

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const timed = async (run) => {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const times = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
};
const getJson = async (url) => {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
};
/** The cursor the API hands out after a row: base64url of the JSON array of its sort values. */
const cursorAfter = (values) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** Fills the table with `count` plausible rows (millisecond timestamps, as the app writes them). */
const fill = async (client, count) => {
  await client.query(`
    insert into predictions (id, created_at, updated_at, knr, date, feature1, feature2, feature3,
                             prediction_result, probability, real_result, model_version)
    select gen_random_uuid(), t, t, 'KNR-' || lpad(g::text, 8, '0'), t - interval '1 hour',
           70 + random() * 5, 4 + random(), -2 + random(), (random() < 0.5)::int, random(),
           case when random() < 0.6 then (random() < 0.5)::int end, '1.0.0'
    from (select g, date_trunc('milliseconds', now() - g * interval '1 second' - interval '1 day') as t
          from generate_series(1, ${count}) g) s`);
  await client.query('vacuum analyze predictions');
};

const stack = await BenchStack.create();
try {
  const app = await stack.startApp();
  await stack.seedDemo();
  const rawPort = await freePort();
  const raw = stack.track(
    fork(join(root, 'bench/predictions/raw-list-server.mjs'), [stack.databaseUrl, String(rawPort)]),
  );
  await new Promise((resolve) => raw.once('message', resolve));
  const listUrl = (port, query) => `http://127.0.0.1:${port}/api/v1/predictions?${query}`;
  // The same build with the in-process list cache off: every request does the page and count queries.
  const uncachedApp = await stack.startApp({ TABLE_CACHE_SECONDS: '0' });
  console.log(`GET /api/v1/predictions, ${connections} connections, production build\n`);
  const measure = async (name, port) => {
    await load('warm-up', listUrl(port, 'limit=10'), { headers, duration: 2 });
    return load(name, listUrl(port, 'limit=10'), { headers });
  };
  const appList = await measure('app', app.port);
  const uncachedList = await measure('app, list cache off', uncachedApp.port);
  const rawList = await measure('raw', rawPort);
  console.table([
    row('raw node:http + pg, 300 rows (baseline)', rawList),
    row('GET /api/v1/predictions?limit=10, 300 rows', appList, rawList),
    row('the same, TABLE_CACHE_SECONDS=0', uncachedList, rawList),
  ]);

  // At a million rows the database work is what is measured: the app without its list cache.
  if (rows > 300) await largeTable(stack, uncachedApp.port, listUrl);
} finally {
  await stack.dispose();
}

/** Phase 2: the table grown to `rows`, one request at a time, the API next to the raw query. */
async function largeTable(stack, port, listUrl) {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  const started = performance.now();
  await fill(client, rows - 300);
  const fillSeconds = (performance.now() - started) / 1000;
  console.log(`\nloaded ${rows - 300} rows in ${fillSeconds.toFixed(1)} s; one request at a time:`);

  const deep = (
    await client.query(
      'select created_at, id from predictions order by created_at desc, id desc offset 99999 limit 1',
    )
  ).rows[0];
  const deepCursor = cursorAfter([deep.created_at.toISOString(), deep.id]);
  const filtered = 'predictionResult=1&hasRealResult=true&modelVersion=1.0.0';
  const columns = 'p.*';
  const cases = [
    {
      name: 'first page (includeTotal=false)',
      query: 'limit=10&includeTotal=false',
      sql: [`select ${columns} from predictions p order by created_at desc, id desc limit 11`],
    },
    {
      name: 'first page with the exact total (default)',
      query: 'limit=10',
      sql: [
        `select ${columns} from predictions p order by created_at desc, id desc limit 11`,
        'select count(*) from predictions',
      ],
    },
    {
      name: 'cursor page 10,000 pages deep',
      query: `limit=10&includeTotal=false&cursor=${deepCursor}`,
      sql: [
        `select ${columns} from predictions p where (created_at, id) < ($1, $2)
         order by created_at desc, id desc limit 11`,
      ],
      params: [deep.created_at, deep.id],
    },
    {
      name: `filtered (${filtered})`,
      query: `limit=10&includeTotal=false&${filtered}`,
      sql: [
        `select ${columns} from predictions p where prediction_result = 1 and real_result is not null
         and model_version = '1.0.0' order by created_at desc, id desc limit 11`,
      ],
    },
  ];
  const table = [];
  for (const { name, query, sql, params } of cases) {
    const page = await getJson(listUrl(port, query));
    if (page.items.length !== 10) throw new Error(`${name}: ${page.items.length} items`);
    const viaApp = await timed(() => getJson(listUrl(port, query)));
    const viaPg = await timed(() =>
      Promise.all(sql.map((text, i) => client.query(text, i === 0 ? params : undefined))),
    );
    table.push({
      case: name,
      'API p50 ms': viaApp.p50.toFixed(2),
      'API p95 ms': viaApp.p95.toFixed(2),
      'raw pg p50 ms': viaPg.p50.toFixed(2),
      'raw pg p95 ms': viaPg.p95.toFixed(2),
    });
  }
  await client.end();
  console.table(table);
  console.log(`\n${rows} rows; goal: API p95 < 20 ms in every case`);
}
