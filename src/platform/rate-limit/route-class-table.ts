import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { routeKeyOf, type PathMatching } from '../../bootstrap/lean-routes';
import { RATE_LIMIT_CLASS, type RouteClass } from './rate-limit.decorator';

/** A route as Nest maps it, e.g. `{ method: 'PUT', path: '/api/v1/predictions/:id', routeClass: 'upload' }`. */
export interface ClassifiedRoute {
  method: string;
  path: string;
  routeClass: RouteClass;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
      const source = route.path
        .split('/')
        .map((segment) => (segment.startsWith(':') ? '[^/]+' : escape(segment)))
        .join('/');
      const pattern = new RegExp(
        `^${source}${matching.strict ? '' : '/?'}$`,
        matching.caseSensitive ? '' : 'i',
      );
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

const joinPath = (...parts: unknown[]): string =>
  `/${parts
    .map((p) => String(p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/** Every controller route with a `@RateLimit(...)` class (method over controller), read once at boot. */
export function classifiedRoutesOf(app: INestApplication): ClassifiedRoute[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: ClassifiedRoute[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    if (!wrapper.metatype || !wrapper.instance) continue;
    const controller = wrapper.metatype;
    const prototype = Object.getPrototypeOf(wrapper.instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
      const handler = (prototype as Record<string, unknown>)[name] as Function;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const routeClass = reflector.getAllAndOverride<RouteClass | undefined>(RATE_LIMIT_CLASS, [
        handler,
        controller,
      ]);
      if (verb === undefined || !routeClass) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) as unknown].flat();
      const paths = [Reflect.getMetadata(PATH_METADATA, handler) as unknown].flat();
      for (const base of bases)
        for (const path of paths)
          routes.push({ method: RequestMethod[verb], path: joinPath(base, path), routeClass });
    }
  }
  return routes;
}
