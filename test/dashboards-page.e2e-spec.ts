import { readFileSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findFreePort } from '../src/local';
import { SeedRunner } from '../src/seeding/seed-runner';
import { tempDirectory, type TempDirectory } from './support/fixtures';
import { createTestApp, inRequestContext, type TestApp } from './support/test-app';

/** Debian's chromium, as `.ci/run` installs it; driven by playwright-core (no browser download). */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const FIELDS = ['iaEfficiency', 'modelAccuracy', 'processingTimeMs', 'memoryUsageMb', 'errorRate'];

interface DrawnChart {
  field: string;
  labels: number;
  /** Data length of each dataset, and how many of its points Chart.js laid out. */
  datasets: { label: string; values: number; elements: number }[];
}

interface ChartLike {
  data: { labels: unknown[]; datasets: { label: string; data: unknown[] }[] };
  getDatasetMeta(index: number): { data: unknown[] };
}

/** The page's globals used from `page.evaluate` (the test's own TypeScript has no DOM types). */
interface PageGlobals {
  document: { getElementById(id: string): { textContent: string | null } | null };
  sessionStorage: { getItem(key: string): string | null };
  Chart: { getChart(canvas: unknown): ChartLike | undefined };
}

/** What Chart.js holds for each of the five canvases (read in the page). */
const drawnCharts = (page: Page): Promise<(DrawnChart | null)[]> =>
  page.evaluate((fields) => {
    const { Chart, document } = globalThis as unknown as PageGlobals;
    return fields.map((field) => {
      const chart = Chart.getChart(document.getElementById(`chart-${field}`));
      if (!chart) return null;
      return {
        field,
        labels: chart.data.labels.length,
        datasets: chart.data.datasets.map((d, i) => ({
          label: d.label,
          values: d.data.filter((v) => typeof v === 'number').length,
          elements: chart.getDatasetMeta(i).data.length,
        })),
      };
    });
  }, FIELDS);

describe('dashboard page (/ui/dashboards) in headless Chromium', () => {
  let t: TestApp;
  let base: string;
  let profile: TempDirectory;
  let browser: BrowserContext;
  let page: Page;
  let problems: string[];
  let demoId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await inRequestContext(t.app, () => t.app.get(SeedRunner).runNamed('dashboards'));
    const port = await findFreePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    const list = await t.http.get('/api/v1/dashboards?limit=100').set('x-api-key', t.adminKey);
    demoId = list.body.items.find((d: { name: string }) => d.name === 'AI Monitoring Dashboard').id;
    profile = tempDirectory('mlp-chromium-');
    browser = await chromium.launchPersistentContext(profile.path, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      acceptDownloads: true,
    });
  });

  afterAll(async () => {
    await browser?.close();
    profile?.remove();
    await t?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    problems = [];
    // A CSP violation or a script error shows up here: the page must run without either.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterEach(async () => {
    await page.close();
  });

  const enterKey = async (key: string): Promise<void> => {
    await page.locator('#key-input').fill(key);
    await page.locator('#key-form button[type=submit]').click();
  };

  it('takes the API key once, lists the dashboards and draws the demo dashboard with Chart.js', async () => {
    await page.goto(`${base}/ui/dashboards`);
    await expect.poll(() => page.locator('#key-panel').isVisible()).toBe(true);
    await enterKey(t.adminKey);
    const link = page.getByRole('link', { name: 'AI Monitoring Dashboard' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/ui/dashboards/${demoId}`);
    await link.click();
    await page.waitForURL(`${base}/ui/dashboards/${demoId}`);

    // The key was kept in session storage: the dashboard page did not ask again.
    expect(await page.locator('#key-panel').isVisible()).toBe(false);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document.getElementById('dashboard-name')
          ?.textContent === 'AI Monitoring Dashboard',
    );
    const expected = await t.http
      .get(`/api/v1/dashboards/${demoId}/metrics?period=30d`)
      .set('x-api-key', t.adminKey);
    expect(expected.body.empty).toBe(false);
    const buckets = expected.body.series.length;
    expect(buckets).toBeGreaterThan(20);
    await expect.poll(async () => (await drawnCharts(page)).every((c) => c !== null)).toBe(true);
    for (const chart of await drawnCharts(page)) {
      expect(chart?.labels).toBe(buckets);
      expect(chart?.datasets.map((d) => d.label)).toEqual(['average', '95th percentile']);
      for (const dataset of chart?.datasets ?? []) {
        expect(dataset.values).toBe(buckets);
        expect(dataset.elements).toBe(buckets);
      }
    }
    expect(await page.locator('#empty').isVisible()).toBe(false);

    const csv = page.locator('#csv-link');
    expect(await csv.getAttribute('href')).toBe(
      `/api/v1/dashboards/${demoId}/metrics.csv?period=30d`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    const body = readFileSync((await download.path()) ?? '', 'utf8');
    const expectedCsv = await t.http
      .get(`/api/v1/dashboards/${demoId}/metrics.csv?period=30d`)
      .set('x-api-key', t.adminKey);
    expect(body).toBe(expectedCsv.text);
    expect(problems).toEqual([]);
  });

  it('follows the chosen period and bucket: raw points are drawn one by one and kept in the address', async () => {
    await page.goto(`${base}/ui/dashboards/${demoId}?period=7d&bucket=raw`);
    if (await page.locator('#key-panel').isVisible()) await enterKey(t.adminKey);
    const expected = await t.http
      .get(`/api/v1/dashboards/${demoId}/metrics?period=7d&bucket=raw`)
      .set('x-api-key', t.adminKey);
    const points = expected.body.series.length;
    expect(points).toBeGreaterThanOrEqual(7 * 24 - 1);
    await expect.poll(async () => (await drawnCharts(page))[2]?.datasets[0]?.values).toBe(points);
    const processing = (await drawnCharts(page))[2];
    expect(processing?.datasets.map((d) => d.label)).toEqual(['value']);
    expect(await page.locator('#csv-link').getAttribute('href')).toBe(
      `/api/v1/dashboards/${demoId}/metrics.csv?period=7d&bucket=raw`,
    );

    await page.locator('#bucket').selectOption('1d');
    await expect
      .poll(() => page.locator('#csv-link').getAttribute('href'))
      .toBe(`/api/v1/dashboards/${demoId}/metrics.csv?period=7d&bucket=1d`);
    await expect.poll(async () => (await drawnCharts(page))[0]?.datasets[0]?.label).toBe('average');
    expect(new URL(page.url()).searchParams.get('bucket')).toBe('1d');
    expect(problems).toEqual([]);
  });

  it('shows an explicit empty state, and draws nothing, for a dashboard without points', async () => {
    const created = await t.http
      .post('/api/v1/dashboards')
      .set('x-api-key', t.adminKey)
      .send({ name: 'Nothing here yet' });
    expect(created.status).toBe(201);
    await page.goto(`${base}/ui/dashboards/${created.body.id}`);
    if (await page.locator('#key-panel').isVisible()) await enterKey(t.adminKey);
    await page.locator('#empty').waitFor({ state: 'visible' });
    expect(await page.locator('#empty').textContent()).toContain('No metrics in this period');
    expect(await page.locator('#charts').isVisible()).toBe(false);
    expect(await drawnCharts(page)).toEqual([null, null, null, null, null]);
    expect(problems).toEqual([]);
  });

  it('asks again for a key the API refuses', async () => {
    await page.goto(`${base}/ui/dashboards`);
    if (!(await page.locator('#key-panel').isVisible())) await page.locator('#forget-key').click();
    await enterKey('mlp_not_a_real_key');
    await page.locator('#key-message').getByText('refused').waitFor();
    expect(await page.locator('#key-panel').isVisible()).toBe(true);
    const stored = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).sessionStorage.getItem('mlp.apiKey'),
    );
    expect(stored).toBeNull();
  });

  it('serves the page as public static files with a strict Content-Security-Policy, outside the OpenAPI document', async () => {
    for (const path of [
      '/ui/dashboards',
      `/ui/dashboards/${demoId}`,
      '/ui/assets/dashboard-view.js',
      '/ui/vendor/chart.umd.js',
    ]) {
      const res = await t.http.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(res.headers['content-security-policy'], path).not.toContain('unsafe-inline');
    }
    const html = await t.http.get('/ui/dashboards');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\son\w+=/i);
    expect((await t.http.get('/ui/vendor/chart.umd.js')).text).toContain('Chart');

    const unknown = await t.http.get('/ui/assets/secrets.js');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await t.http.get('/ui/assets/..%2Fui-assets.ts')).status).toBe(404);
    expect((await t.http.get('/ui/dashboards/not-a-uuid')).status).toBe(400);

    const document = await t.http.get('/docs-json');
    expect(Object.keys(document.body.paths).filter((p) => p.startsWith('/ui'))).toEqual([]);
  });
});
