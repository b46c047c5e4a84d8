import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What a request may carry once routed: the lean dispatcher's template, or Express's matched route. */
export type RoutedRequest = IncomingMessage & {
  routeTemplate?: string;
  baseUrl?: string;
  route?: { path?: unknown };
};

/**
 * The route label of a request: the path template it was served by (`/api/v1/jobs/:id`), never the raw URL, so the
 * label set stays small; `(unmatched)` for 404s no route took (or Nest's catch-all), `(other)` for everything else (static files of
 * Swagger UI, the queue dashboard's login refusals).
 */
export function routeLabelOf(req: RoutedRequest, status: number): string {
  if (req.routeTemplate) return req.routeTemplate;
  const path = req.route?.path;
  // Nest answers unknown paths from a catch-all route (`/{*all}`).
  if (status === 404 && (typeof path !== 'string' || path.includes('*'))) return '(unmatched)';
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}` || '/';
  return '(other)';
}

/** `http_request_duration_seconds{method, route, status_code}` for every request (lean routes included). */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly series = new Map<string, { observe(value: number): void }>();

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  readonly middleware = (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : 499;
      const method = METHODS.has(req.method ?? '') ? (req.method as string) : 'OTHER';
      this.observe(method, routeLabelOf(req, status), status, started);
    });
    next();
  };

  private observe(method: string, route: string, status: number, started: bigint): void {
    const key = `${method} ${status} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      series = this.duration.labels(method, route, String(status));
      this.series.set(key, series);
    }
    series.observe(Number(process.hrtime.bigint() - started) / 1e9);
  }
}
