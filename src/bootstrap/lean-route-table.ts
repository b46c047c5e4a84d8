import {
  RequestMethod,
  type ArgumentMetadata,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HOST_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
  VERSION_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { ApplicationConfig } from '@nestjs/core/application-config';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { routeAccessOf, type RouteAccess } from '../common/auth/route-access';
import { LEAN_ROUTE } from '../common/http/lean-route';

/** A `@LeanRoute()` controller method, with everything the dispatcher needs resolved once at boot. */
export interface LeanEndpoint {
  /** `Controller.method`, for messages. */
  name: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** As Nest maps it, e.g. `/api/v1/predictions/score`. */
  path: string;
  access: RouteAccess;
  status: number;
  /** The `@Body()` parameter (position and DTO), when the method takes one. */
  body?: { index: number; metadata: ArgumentMetadata };
  /** The `@Query()` parameter (position and DTO), when the method takes one. */
  query?: { index: number; metadata: ArgumentMetadata };
  arity: number;
  invoke(args: unknown[]): unknown;
}

/** What a lean route may not use, because the dispatcher does not run it. */
const UNSUPPORTED: [key: string, what: string][] = [
  [GUARDS_METADATA, '@UseGuards'],
  [INTERCEPTORS_METADATA, '@UseInterceptors'],
  [PIPES_METADATA, '@UsePipes'],
  [EXCEPTION_FILTERS_METADATA, '@UseFilters'],
  [HEADERS_METADATA, '@Header'],
  [REDIRECT_METADATA, '@Redirect'],
  [RENDER_METADATA, '@Render'],
  [SSE_METADATA, '@Sse'],
  [VERSION_METADATA, '@Version'],
  [HOST_METADATA, 'a host'],
];

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

const joinPath = (...parts: unknown[]): string =>
  `/${parts
    .map((p) => String(p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

function endpointOf(
  wrapper: InstanceWrapper,
  methodName: string,
  reflector: Reflector,
): LeanEndpoint {
  const controller = wrapper.metatype as Target;
  const instance = wrapper.instance as Record<string, (...args: unknown[]) => unknown>;
  const handler = instance[methodName];
  const name = `${controller.name}.${methodName}`;
  const refuse = (why: string): never => {
    throw new Error(`Lean route ${name}: ${why} (see README, "Lean routes")`);
  };
  if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) {
    refuse('its controller depends on request-scoped or transient providers');
  }
  for (const [key, what] of UNSUPPORTED) {
    if ([handler, controller].some((t) => Reflect.getMetadata(key, t) !== undefined))
      refuse(`${what} is not supported on a lean route`);
  }
  const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  const paths = [
    Reflect.getMetadata(PATH_METADATA, controller) as unknown,
    Reflect.getMetadata(PATH_METADATA, handler) as unknown,
  ];
  if (
    verb === undefined ||
    !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(RequestMethod[verb])
  )
    refuse('it needs one of @Get, @Post, @Put, @Patch or @Delete');
  if (paths.some((p) => typeof p !== 'string')) refuse('it needs exactly one path');
  const path = joinPath(...paths);
  if (/[:*?+()[\]{}]/.test(path)) refuse(`its path ${path} has parameters or patterns`);

  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, methodName) ??
    []) as Type[];
  const whole: Partial<Record<'body' | 'query', LeanEndpoint['body']>> = {};
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    const type =
      kind === (RouteParamtypes.BODY as number)
        ? 'body'
        : kind === (RouteParamtypes.QUERY as number)
          ? 'query'
          : undefined;
    if (!type || whole[type])
      refuse('its parameters may only be one whole @Body() and one whole @Query()');
    if (arg.data !== undefined || (arg.pipes?.length ?? 0) > 0)
      refuse(
        `its @${type === 'body' ? 'Body' : 'Query'}() may not pick a property or have its own pipes`,
      );
    whole[type as 'body' | 'query'] = {
      index: arg.index,
      metadata: { type: type as 'body' | 'query', metatype: types[arg.index] },
    };
  }
  const status = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  return {
    name,
    method: RequestMethod[verb as RequestMethod],
    path,
    access: routeAccessOf(reflector, [handler, controller]),
    status: status ?? (verb === RequestMethod.POST ? 201 : 200),
    body: whole.body,
    query: whole.query,
    arity: types.length,
    invoke: (values) => handler.apply(instance, values),
  };
}

/** Every `@LeanRoute()` controller method of the application; refuses (throws) what the dispatcher cannot serve. */
export function discoverLeanRoutes(app: INestApplication): LeanEndpoint[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const endpoints: LeanEndpoint[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    if (!wrapper.metatype || !wrapper.instance) continue;
    const prototype = Object.getPrototypeOf(wrapper.instance) as object;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[methodName] as Target;
      if (Reflect.getMetadata(LEAN_ROUTE, handler)) {
        endpoints.push(endpointOf(wrapper, methodName, reflector));
      }
    }
  }
  // Lean paths are matched as declared: a global prefix or URI versioning would map the Nest route elsewhere.
  const config = (app as unknown as { config?: ApplicationConfig }).config;
  if (endpoints.length > 0 && (config?.getGlobalPrefix() || config?.getVersioning())) {
    throw new Error('Lean routes do not support a global prefix or versioning');
  }
  return endpoints;
}
