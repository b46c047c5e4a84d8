/* global window, document */
// /ui/dashboards — the caller's dashboards (all of them for an admin), each linking to its page.
(function () {
  'use strict';

  const { MlpApi } = window;
  const byId = (id) => document.getElementById(id);

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
        link.href = `/ui/dashboards/${encodeURIComponent(dashboard.id)}`;
        link.textContent = dashboard.name;
        name.append(link);
        const updated = document.createElement('td');
        updated.textContent = new Date(dashboard.updatedAt || dashboard.createdAt).toLocaleString();
        row.append(name, updated);
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
