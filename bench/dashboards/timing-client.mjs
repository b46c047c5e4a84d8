// The client of the cached timings, in a process of its own (forked by run.mjs): the benchmark's own process holds
// what it loaded (a million rows went through it), and its garbage collections timed the servers' tail. Receives
// { app: {url, headers}, floor: {url}, total, block } and answers { app: ms[], floor: ms[] }: `total` requests to
// each, in alternating blocks of `block` back-to-back requests, on one kept-alive node:http connection per server.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const timeOne = (agent, url, headers) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - t0)
            : reject(new Error(`${url}: ${res.statusCode}`)),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });

process.once('message', async ({ app, floor, total, block }) => {
  const agents = [app, floor].map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const times = { app: [], floor: [] };
  try {
    for (let done = 0; done < total; done += block) {
      for (let i = 0; i < block; i++)
        times.app.push(await timeOne(agents[0], app.url, app.headers));
      for (let i = 0; i < block; i++) times.floor.push(await timeOne(agents[1], floor.url, {}));
    }
    process.send(times, () => process.exit(0));
  } catch (error) {
    process.send({ error: String(error) }, () => process.exit(1));
  }
});
