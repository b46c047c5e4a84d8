/* global window, document, location, history, URLSearchParams, setInterval, clearInterval */
// /ui/dashboards/:id — the chosen period and bucket (kept in the address), drawn, refreshed on an interval.
(function () {
  'use strict';

  const { MlpApi, MlpCharts } = window;
  const byId = (id) => document.getElementById(id);
  const dashboardId = location.pathname.split('/').filter(Boolean).pop();
  const controls = { period: byId('period'), bucket: byId('bucket'), refresh: byId('refresh') };
  const DEFAULTS = { period: '30d', bucket: 'auto', refresh: '30' };
  let timer;

  const params = new URLSearchParams(location.search);
  for (const [name, select] of Object.entries(controls)) {
    const wanted = params.get(name) || DEFAULTS[name];
    select.value = [...select.options].some((o) => o.value === wanted) ? wanted : DEFAULTS[name];
  }

  function metricsQuery() {
    const query = new URLSearchParams({ period: controls.period.value });
    if (controls.bucket.value !== 'auto') query.set('bucket', controls.bucket.value);
    return query.toString();
  }

  const format = (value) =>
    value === null || value === undefined
      ? '–'
      : Number(value).toLocaleString(undefined, { maximumFractionDigits: 3 });

  function showSummary(summary) {
    const list = byId('summary');
    list.replaceChildren();
    for (const field of MlpCharts.FIELDS) {
      const figures = summary[field] || {};
      const item = document.createElement('li');
      item.dataset.field = field;
      item.textContent = `${byId(`title-${field}`).textContent}: avg ${format(figures.avg)}, p95 ${format(figures.p95)}`;
      list.append(item);
    }
  }

  function showMetrics(metrics) {
    byId('empty').hidden = !metrics.empty;
    byId('charts').hidden = metrics.empty;
    byId('summary').hidden = metrics.empty;
    if (metrics.empty) {
      MlpCharts.clear();
      return;
    }
    showSummary(metrics.summary);
    MlpCharts.draw(metrics);
  }

  async function load() {
    const query = metricsQuery();
    const base = `/api/v1/dashboards/${dashboardId}`;
    byId('csv-link').href = `${base}/metrics.csv?${query}`;
    byId('png-link').href = `${base}/metrics.png?${query}`;
    byId('status').textContent = 'Loading…';
    try {
      const [dashboard, metrics] = await Promise.all([
        MlpApi.getJson(base),
        MlpApi.getJson(`${base}/metrics?${query}`),
      ]);
      byId('dashboard-name').textContent = dashboard.name;
      document.title = `${dashboard.name} · Dashboards`;
      showMetrics(metrics);
      byId('status').textContent =
        `${metrics.from} → ${metrics.to} · bucket ${metrics.bucket} · ${metrics.summary.count} point(s)` +
        ` · updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      byId('status').textContent = `Could not load the dashboard: ${error.message}`;
    }
  }

  function schedule() {
    clearInterval(timer);
    const seconds = Number(controls.refresh.value);
    if (seconds > 0) timer = setInterval(load, seconds * 1000);
  }

  function onControlChange() {
    const query = new URLSearchParams();
    for (const [name, select] of Object.entries(controls)) query.set(name, select.value);
    history.replaceState(null, '', `?${query}`);
    load();
    schedule();
  }

  for (const select of Object.values(controls)) select.addEventListener('change', onControlChange);
  for (const [id, extension] of [
    ['csv-link', 'csv'],
    ['png-link', 'png'],
  ]) {
    byId(id).addEventListener('click', (event) => {
      event.preventDefault();
      MlpApi.download(byId(id).getAttribute('href'), `dashboard-${dashboardId}.${extension}`).catch(
        (error) => {
          byId('status').textContent = `Download failed: ${error.message}`;
        },
      );
    });
  }

  MlpApi.withKey(() => {
    load();
    schedule();
  });
})();
