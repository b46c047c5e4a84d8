import type { ChartConfiguration } from 'chart.js';
import { renderPngChart, type PngChartSize } from '../../common/charts/png-chart';
import type { MetricBucketDto, MetricRawPointDto, MetricSeriesDto } from '../dto/metric-series.dto';
import type { MetricField } from '../metric-fields';

/** How each field is drawn: label, colour and axis (ratios share one, time and memory have their own). */
const LINES: { field: MetricField; label: string; color: string; axis: 'ratio' | 'ms' | 'mb' }[] = [
  { field: 'iaEfficiency', label: 'AI efficiency', color: '#2563eb', axis: 'ratio' },
  { field: 'modelAccuracy', label: 'Model accuracy', color: '#16a34a', axis: 'ratio' },
  { field: 'errorRate', label: 'Error rate', color: '#dc2626', axis: 'ratio' },
  { field: 'processingTimeMs', label: 'Processing time (ms)', color: '#9333ea', axis: 'ms' },
  { field: 'memoryUsageMb', label: 'Memory (MB)', color: '#ea580c', axis: 'mb' },
];

/** The value drawn for an entry; null (a gap) where the field is unknown, e.g. an unknown model accuracy. */
const valueOf = (entry: MetricBucketDto | MetricRawPointDto, field: MetricField): number | null => {
  const value = entry[field];
  return typeof value === 'number' || value === null ? value : value.avg;
};

/** `2026-11-30T05:00:00.000Z` → `2026-11-30 05:00` (UTC, as the data). */
const labelOf = (t: string): string => t.slice(0, 16).replace('T', ' ');

/** A short x-axis label: `11-30 05:00`, or the date alone for daily buckets. */
const tickOf = (t: string, bucket: string): string =>
  bucket === '1d' ? t.slice(0, 10) : t.slice(5, 16).replace('T', ' ');

/** The Chart.js configuration of a metrics query: one line per field (bucket averages, or raw points). */
export function metricsChartConfiguration(
  result: MetricSeriesDto,
  title: string,
): ChartConfiguration {
  const series: (MetricBucketDto | MetricRawPointDto)[] = result.series;
  const subtitle = `${labelOf(result.from)} – ${labelOf(result.to)} UTC, ${result.bucket === 'raw' ? 'every point' : `${result.bucket} averages`}`;
  return {
    type: 'line',
    data: {
      labels: series.map((entry) => tickOf(entry.t, result.bucket)),
      datasets: LINES.map((line) => ({
        label: line.label,
        data: series.map((entry) => valueOf(entry, line.field)),
        borderColor: line.color,
        backgroundColor: line.color,
        yAxisID: line.axis,
        borderWidth: 1.5,
        pointRadius: series.length > 60 ? 0 : 2,
      })),
    },
    options: {
      plugins: {
        title: { display: true, text: [title, result.empty ? `${subtitle} — no data` : subtitle] },
        legend: { position: 'bottom' },
      },
      scales: {
        x: { ticks: { maxTicksLimit: 10, maxRotation: 0, autoSkipPadding: 16 } },
        ratio: {
          type: 'linear',
          position: 'left',
          min: 0,
          max: 1,
          title: { display: true, text: 'ratio' },
        },
        ms: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          title: { display: true, text: 'ms' },
          grid: { drawOnChartArea: false },
        },
        mb: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          title: { display: true, text: 'MB' },
          grid: { drawOnChartArea: false },
        },
      },
    },
  };
}

export const renderMetricsChart = (
  result: MetricSeriesDto,
  title: string,
  size: PngChartSize,
): Buffer => renderPngChart(metricsChartConfiguration(result, title), size);
