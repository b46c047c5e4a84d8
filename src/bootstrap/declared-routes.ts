import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type Handler = Function;

/** One controller method and one of the paths Nest maps it to (controller path × method path). */
export interface DeclaredRoute {
  wrapper: InstanceWrapper;
  methodName: string;
  handler: Handler;
  /** Upper case (`GET`, `POST`, …; `ALL` for `@All`). */
  method: string;
  /** As Nest maps it, e.g. `/api/v1/dashboards/:id/metrics`; null when a path is not a string. */
  path: string | null;
}

/** Joins path parts the way Nest does (`/api/v1/items/` + `check` → `/api/v1/items/check`). */
export const joinPath = (...parts: unknown[]): string =>
  `/${parts
    .map((p) => String(p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

/** Every route the application's controllers declare, read from Nest's metadata once at boot. */
export function declaredRoutesOf(app: INestApplication): DeclaredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    if (!wrapper.metatype || !wrapper.instance) continue;
    const prototype = Object.getPrototypeOf(wrapper.instance) as object;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[methodName] as Handler;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (verb === undefined) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as unknown].flat();
      const paths = [Reflect.getMetadata(PATH_METADATA, handler) as unknown].flat();
      for (const base of bases)
        for (const path of paths)
          routes.push({
            wrapper,
            methodName,
            handler,
            method: RequestMethod[verb],
            path:
              typeof base === 'string' || base === undefined
                ? typeof path === 'string'
                  ? joinPath(base, path)
                  : null
                : null,
          });
    }
  }
  return routes;
}
