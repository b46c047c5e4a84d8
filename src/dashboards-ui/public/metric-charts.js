/* global window, document, Chart */
// The five series of a dashboard, one Chart.js line chart each (canvas#chart-<field> in the page).
(function () {
  'use strict';

  const FIELDS = [
    'iaEfficiency',
    'modelAccuracy',
    'processingTimeMs',
    'memoryUsageMb',
    'errorRate',
  ];
  const COLORS = { avg: '#2563eb', p95: '#dc2626', value: '#2563eb' };
  /** Fields that are ratios: their axis never leaves 0..1 (a constant 1 would otherwise show up to 1.06). */
  const RATIOS = new Set(['iaEfficiency', 'modelAccuracy', 'errorRate']);

  function clampToRatio(scale) {
    scale.min = Math.max(scale.min, 0);
    scale.max = Math.min(scale.max, 1);
  }

  const pad = (n) => String(n).padStart(2, '0');

  /** A bucket start or point time as a short local label; days only for daily buckets. */
  function label(iso, bucket) {
    const d = new Date(iso);
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    return bucket === '1d' ? day : `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  /** Datasets of one field: the plain values (raw points) or the bucket's average and 95th percentile. */
  function datasetsOf(series, field, raw) {
    const line = (name, values, color, dashed) => ({
      label: name,
      data: values,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1.5,
      borderDash: dashed ? [4, 3] : [],
      pointRadius: values.length > 60 ? 0 : 2,
      spanGaps: false,
    });
    if (raw)
      return [
        line(
          'value',
          series.map((p) => p[field]),
          COLORS.value,
          false,
        ),
      ];
    return [
      line(
        'average',
        series.map((p) => p[field] && p[field].avg),
        COLORS.avg,
        false,
      ),
      line(
        '95th percentile',
        series.map((p) => p[field] && p[field].p95),
        COLORS.p95,
        true,
      ),
    ];
  }

  function draw(metrics) {
    const raw = metrics.bucket === 'raw';
    const labels = metrics.series.map((p) => label(p.t, metrics.bucket));
    for (const field of FIELDS) {
      const canvas = document.getElementById(`chart-${field}`);
      const datasets = datasetsOf(metrics.series, field, raw);
      const chart = Chart.getChart(canvas);
      if (chart) {
        chart.data.labels = labels;
        chart.data.datasets = datasets;
        chart.update('none');
        continue;
      }
      new Chart(canvas, {
        type: 'line',
        data: { labels, datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { ticks: { maxTicksLimit: 8, maxRotation: 0 } },
            y: RATIOS.has(field) ? { afterDataLimits: clampToRatio } : {},
          },
          plugins: { legend: { display: !raw, position: 'bottom' } },
        },
      });
    }
  }

  function clear() {
    for (const field of FIELDS) {
      const chart = Chart.getChart(document.getElementById(`chart-${field}`));
      if (chart) chart.destroy();
    }
  }

  window.MlpCharts = { FIELDS, draw, clear };
})();
