import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { declaredRoutesOf, type Handler } from '../../bootstrap/declared-routes';
import { pathPatternOf, routeKeyOf, type PathMatching } from '../../bootstrap/route-paths';
import { RATE_LIMIT_CLASS, type RouteClass } from './rate-limit.decorator';

/** A route as Nest maps it, e.g. `{ method: 'PUT', path: '/api/v1/predictions/:id', routeClass: 'upload' }`. */
export interface ClassifiedRoute {
  method: string;
  path: string;
  routeClass: RouteClass;
}

/**
 * The rate-limit class of a request, looked up before routing (the limiter runs ahead of Express and of the lean
 * dispatcher): a map lookup for paths without parameters, a short list of patterns for the others. Paths match the
 * way Express routes them (`PathMatching`); a request no declared route matches is `default`.
 */
export class RouteClassTable {
  private readonly exact = new Map<string, RouteClass>();
  private readonly patterns: { method: string; pattern: RegExp; routeClass: RouteClass }[] = [];

  constructor(
    routes: readonly ClassifiedRoute[],
    private readonly matching: PathMatching,
  ) {
    for (const route of routes) {
      if (route.routeClass === 'default') continue;
      if (!route.path.includes(':')) {
        this.exact.set(routeKeyOf(matching, route.method, route.path), route.routeClass);
        continue;
      }
      const pattern = pathPatternOf(matching, route.path);
      this.patterns.push({ method: route.method, pattern, routeClass: route.routeClass });
    }
  }

  classOf(method: string | undefined, url: string | undefined): RouteClass {
    const verb = method === 'HEAD' ? 'GET' : (method ?? '');
    const found = this.exact.get(routeKeyOf(this.matching, verb, url ?? ''));
    if (found) return found;
    if (this.patterns.length === 0) return 'default';
    const mark = (url ?? '').indexOf('?');
    const path = mark < 0 ? (url ?? '') : (url ?? '').slice(0, mark);
    for (const route of this.patterns) {
      if (route.method === verb && route.pattern.test(path)) return route.routeClass;
    }
    return 'default';
  }
}

/** Every controller route with a `@RateLimit(...)` class (method over controller), read once at boot. */
export function classifiedRoutesOf(app: INestApplication): ClassifiedRoute[] {
  const reflector = app.get(Reflector);
  const routes: ClassifiedRoute[] = [];
  for (const route of declaredRoutesOf(app)) {
    const routeClass = reflector.getAllAndOverride<RouteClass | undefined>(RATE_LIMIT_CLASS, [
      route.handler,
      route.wrapper.metatype as Handler,
    ]);
    if (routeClass && route.path !== null)
      routes.push({ method: route.method, path: route.path, routeClass });
  }
  return routes;
}
