/** The five measured values of a metric point, in the order every response, CSV and chart uses. */
export const METRIC_FIELDS = [
  'iaEfficiency',
  'modelAccuracy',
  'processingTimeMs',
  'memoryUsageMb',
  'errorRate',
] as const;

export type MetricField = (typeof METRIC_FIELDS)[number];

/** Database column of each field. */
export const METRIC_COLUMNS: Record<MetricField, string> = {
  iaEfficiency: 'ia_efficiency',
  modelAccuracy: 'model_accuracy',
  processingTimeMs: 'processing_time_ms',
  memoryUsageMb: 'memory_usage_mb',
  errorRate: 'error_rate',
};

/**
 * Accepted range of each field, shared by the request validation and the table's CHECK constraints: ratios in
 * 0..1, times up to a day, memory up to 16 TiB.
 */
export const METRIC_LIMITS: Record<MetricField, readonly [number, number]> = {
  iaEfficiency: [0, 1],
  modelAccuracy: [0, 1],
  processingTimeMs: [0, 86_400_000],
  memoryUsageMb: [0, 16_777_216],
  errorRate: [0, 1],
};

/** Period labels a point may carry. */
export const METRIC_PERIODS = ['24h', '7d', '30d'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

export type MetricValues = Record<MetricField, number>;

/**
 * The values a stored point holds: the model accuracy may be unknown (null) for points the platform records about
 * its own models; points sent to the API always carry all five.
 */
export type StoredMetricValues = Omit<MetricValues, 'modelAccuracy'> & {
  modelAccuracy: number | null;
};
