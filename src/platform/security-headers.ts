import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet on every response (Express routes, lean routes, Swagger UI, the queue dashboard, the worker's health port):
 * CSP from helmet's defaults (`default-src 'self'`, scripts only from the same origin, no inline scripts;
 * styles may be inline, as Swagger UI and bull-board need) without `upgrade-insecure-requests`, which would break
 * pages served over plain HTTP inside a cluster; HSTS; nosniff; frame-ancestors 'self'; no referrer.
 * Cross-Origin-Resource-Policy is `cross-origin`: API keys travel in a header, never as ambient credentials, and
 * signed storage URLs are meant to be embedded by the frontends (allowed origins still come from CORS).
 */
export function securityHeaders(): (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void {
  return helmet({
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
}
