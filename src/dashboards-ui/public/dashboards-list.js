/* global window, document */
// /ui/dashboards — the caller's dashboards (all of them for an admin), each linking to its page.
(function () {
  'use strict';

  const { MlpApi } = window;
  const byId = (id) => document.getElementById(id);
  // The platform's own models are written per minute: their dashboards open on the last day, minute by minute.
  const PLATFORM_PREFIX = 'Platform models: ';
  const viewOf = (name) => (name.startsWith(PLATFORM_PREFIX) ? '?period=24h&bucket=1m' : '');

  async function load() {
    byId('status').textContent = 'Loading…';
    try {
      const page = await MlpApi.getJson('/api/v1/dashboards?limit=100');
      const rows = byId('dashboards');
      rows.replaceChildren();
      for (const dashboard of page.items) {
        const row = document.createElement('tr');
        const name = document.createElement('td');
        const link = document.createElement('a');
        link.href = `/ui/dashboards/${encodeURIComponent(dashboard.id)}${viewOf(dashboard.name)}`;
        link.textContent = dashboard.name;
        name.append(link);
        const created = document.createElement('td');
        created.textContent = new Date(dashboard.createdAt).toLocaleString();
        row.append(name, created);
        rows.append(row);
      }
      byId('none').hidden = page.items.length > 0;
      byId('status').textContent =
        page.total > page.items.length
          ? `The first ${page.items.length} of ${page.total} dashboards.`
          : '';
    } catch (error) {
      byId('status').textContent = `Could not list the dashboards: ${error.message}`;
    }
  }

  MlpApi.withKey(load);
})();
