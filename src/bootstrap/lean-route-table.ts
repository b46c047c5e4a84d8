import type {
  ArgumentMetadata,
  ExecutionContext,
  INestApplication,
  NestInterceptor,
  PipeTransform,
  Type,
} from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HOST_METADATA,
  HTTP_CODE_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
  VERSION_METADATA,
} from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { ApplicationConfig } from '@nestjs/core/application-config';
import type { NestContainer } from '@nestjs/core/injector/container';
import { InterceptorsContextCreator } from '@nestjs/core/interceptors/interceptors-context-creator';
import { routeAccessOf, type RouteAccess } from '../common/auth/route-access';
import { LEAN_ROUTE } from '../common/http/lean-route';
import { declaredRoutesOf, type DeclaredRoute, type Handler } from './declared-routes';
import { pathMatchingOf, pathsOverlap } from './route-paths';

/** A `@Param(name, ...pipes)` argument: the path parameter, through its pipes. */
export interface LeanParam {
  index: number;
  metadata: ArgumentMetadata & { data: string };
  pipes: PipeTransform[];
}

/** An argument of a custom parameter decorator (`createParamDecorator`), e.g. `@CurrentUser()`. */
export interface LeanCustomArgument {
  index: number;
  data: unknown;
  factory: (data: unknown, context: ExecutionContext) => unknown;
}

/** An `@UploadedFile(name?)` (`req[name ?? 'file']`) or `@UploadedFiles()` (`req.files`) argument. */
export interface LeanUploadArgument {
  index: number;
  /** The request property multer put it in. */
  property: string;
}

/** A `@LeanRoute()` controller method, with everything the dispatcher needs resolved once at boot. */
export interface LeanEndpoint {
  /** `Controller.method`, for messages. */
  name: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** As Nest maps it, e.g. `/api/v1/predictions/score` or `/api/v1/dashboards/:id/metrics`. */
  path: string;
  /** The path's `:name` parameters, in order (empty for a path without any). */
  paramNames: string[];
  access: RouteAccess;
  status: number;
  /** The `@Body()` parameter (position and DTO), when the method takes one. */
  body?: { index: number; metadata: ArgumentMetadata };
  /** The `@Query()` parameter (position and DTO), when the method takes one. */
  query?: { index: number; metadata: ArgumentMetadata };
  params: LeanParam[];
  custom: LeanCustomArgument[];
  uploads: LeanUploadArgument[];
  /** The method's and controller's `@UseInterceptors()` and the global ones, as Nest resolves them. */
  interceptors: NestInterceptor[];
  arity: number;
  controller: Type;
  handler: Handler;
  invoke(args: unknown[]): unknown;
}

/** What a lean route may not use, because the dispatcher does not run it. */
const UNSUPPORTED: [key: string, what: string][] = [
  [GUARDS_METADATA, '@UseGuards'],
  [PIPES_METADATA, '@UsePipes'],
  [EXCEPTION_FILTERS_METADATA, '@UseFilters'],
  [HEADERS_METADATA, '@Header'],
  [REDIRECT_METADATA, '@Redirect'],
  [RENDER_METADATA, '@Render'],
  [SSE_METADATA, '@Sse'],
  [VERSION_METADATA, '@Version'],
  [HOST_METADATA, 'a host'],
];

/** A parameter decorator's entry in Nest's route-arguments metadata. */
interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
  factory?: LeanCustomArgument['factory'];
}

/** Resolves a pipe given to `@Param()` (a class or an instance) the way Nest does: the module's instance, or a new one. */
type PipeResolver = (pipe: unknown) => PipeTransform;
/** The interceptors Nest would run for a controller method (its module's instances of them). */
type InterceptorResolver = (route: DeclaredRoute) => NestInterceptor[];

function endpointOf(
  route: DeclaredRoute,
  reflector: Reflector,
  resolvePipe: PipeResolver,
  resolveInterceptors: InterceptorResolver,
): LeanEndpoint {
  const { wrapper, methodName, handler } = route;
  const controller = wrapper.metatype as Type;
  const instance = wrapper.instance as Record<string, (...args: unknown[]) => unknown>;
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
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method))
    refuse('it needs one of @Get, @Post, @Put, @Patch or @Delete');
  const path = route.path ?? refuse('it needs exactly one path');
  const segments = path.split('/');
  if (segments.some((s) => /[*?+()[\]{}]/.test(s) || s.indexOf(':') > 0 || /^:.*\W/.test(s)))
    refuse(`its path ${path} has patterns (only whole-segment :name parameters are supported)`);
  const paramNames = segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1));

  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, methodName) ??
    []) as Type[];
  const whole: Partial<Record<'body' | 'query', LeanEndpoint['body']>> = {};
  const params: LeanParam[] = [];
  const custom: LeanCustomArgument[] = [];
  const uploads: LeanUploadArgument[] = [];
  for (const [key, arg] of Object.entries(args)) {
    if (arg.factory) {
      if ((arg.pipes?.length ?? 0) > 0)
        refuse('its custom parameter decorators may not have pipes');
      custom.push({ index: arg.index, data: arg.data, factory: arg.factory });
      continue;
    }
    const kind = Number(key.split(':')[0]);
    if (kind === (RouteParamtypes.FILE as number) || kind === (RouteParamtypes.FILES as number)) {
      if ((arg.pipes?.length ?? 0) > 0) refuse('its @UploadedFile(s)() may not have pipes');
      const many = kind === (RouteParamtypes.FILES as number);
      uploads.push({ index: arg.index, property: many ? 'files' : String(arg.data ?? 'file') });
      continue;
    }
    if (kind === (RouteParamtypes.PARAM as number)) {
      if (typeof arg.data !== 'string' || !paramNames.includes(arg.data))
        refuse('its @Param() must name one of its path parameters');
      params.push({
        index: arg.index,
        metadata: { type: 'param', data: arg.data as string, metatype: types[arg.index] },
        pipes: (arg.pipes ?? []).map(resolvePipe),
      });
      continue;
    }
    const type =
      kind === (RouteParamtypes.BODY as number)
        ? 'body'
        : kind === (RouteParamtypes.QUERY as number)
          ? 'query'
          : undefined;
    if (!type || whole[type])
      refuse(
        'its parameters may only be one whole @Body(), one whole @Query(), @Param(name), @UploadedFile(s)() and custom decorators',
      );
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
  const method = instance[methodName];
  return {
    name,
    method: route.method,
    path,
    paramNames,
    access: routeAccessOf(reflector, [handler, controller]),
    status: status ?? (route.method === 'POST' ? 201 : 200),
    body: whole.body,
    query: whole.query,
    // In parameter order (the metadata lists them in decorator order, last first).
    params: params.sort((a, b) => a.index - b.index),
    custom: custom.sort((a, b) => a.index - b.index),
    uploads,
    interceptors: resolveInterceptors(route),
    arity: types.length,
    controller,
    handler,
    invoke: (values) => method.apply(instance, values),
  };
}

/**
 * Every `@LeanRoute()` controller method of the application; refuses (throws) what the dispatcher cannot serve,
 * including a lean route whose paths some other route of the same method could also match (Express would pick by
 * registration order; the dispatcher answers first).
 */
export function discoverLeanRoutes(app: INestApplication): LeanEndpoint[] {
  const reflector = app.get(Reflector);
  const resolvePipe: PipeResolver = (pipe) => {
    if (typeof pipe !== 'function') return pipe as PipeTransform;
    try {
      return app.get<PipeTransform>(pipe as Type<PipeTransform>, { strict: false });
    } catch {
      return new (pipe as new () => PipeTransform)();
    }
  };
  // Nest's own container and application config (not public API), as its router uses them.
  const internals = app as unknown as { container: NestContainer; config?: ApplicationConfig };
  const interceptorsCreator = new InterceptorsContextCreator(internals.container, internals.config);
  // Request-scoped interceptors make their controller's tree non-static, which endpointOf refuses.
  const resolveInterceptors: InterceptorResolver = ({ wrapper, handler }) =>
    interceptorsCreator.create(
      wrapper.instance as object,
      handler as (...args: unknown[]) => unknown,
      wrapper.host?.token as string,
    );
  const declared = declaredRoutesOf(app);
  const endpoints: LeanEndpoint[] = [];
  for (const route of declared) {
    if (Reflect.getMetadata(LEAN_ROUTE, route.handler))
      endpoints.push(endpointOf(route, reflector, resolvePipe, resolveInterceptors));
  }
  const matching = pathMatchingOf(app);
  for (const endpoint of endpoints) {
    const rival = declared.find(
      (other) =>
        other.handler !== endpoint.handler &&
        (other.method === endpoint.method || other.method === 'ALL') &&
        (other.path === null || pathsOverlap(matching, endpoint.path, other.path)),
    );
    if (rival)
      throw new Error(
        `Lean route ${endpoint.name}: ${endpoint.method} ${endpoint.path} could also match ` +
          `${(rival.wrapper.metatype as Type).name}.${rival.methodName} (${rival.path ?? 'a pattern'})`,
      );
  }
  // Lean paths are matched as declared: a global prefix or URI versioning would map the Nest route elsewhere.
  const { config } = internals;
  if (endpoints.length > 0 && (config?.getGlobalPrefix() || config?.getVersioning())) {
    throw new Error('Lean routes do not support a global prefix or versioning');
  }
  return endpoints;
}
