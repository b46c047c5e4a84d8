import { SetMetadata } from '@nestjs/common';

/**
 * Which limit a route counts against (RATE_LIMIT_DEFAULT, RATE_LIMIT_INFERENCE, RATE_LIMIT_UPLOAD); `exempt` routes
 * (health probes, /metrics) are never limited. Routes without the decorator are `default`.
 */
export type RouteClass = 'default' | 'inference' | 'upload' | 'exempt';

export const RATE_LIMIT_CLASS = 'http:rate-limit-class';

/** Puts a route (method or whole controller) in a rate-limit class; see README "Rate limits". */
export const RateLimit = (routeClass: RouteClass): MethodDecorator & ClassDecorator =>
  SetMetadata(RATE_LIMIT_CLASS, routeClass);
