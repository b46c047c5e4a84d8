import { MikroORM } from '@mikro-orm/core';
import { StreamableFile, type ExecutionContext, type INestApplication } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isObservable, lastValueFrom } from 'rxjs';
import { authorize } from '../common/auth/authorize';
import { API_KEY_HEADER, ApiKeyVerifier, type Principal } from '../common/auth/principal';
import { sendError, type HttpRequest } from '../common/errors/error-responder';
import { translateBodyParserError } from '../common/http/body-parser-errors';
import { createValidationPipe } from '../common/http/validation-pipe';
import type { RoutedRequest } from '../platform/metrics/http-metrics';
import { compileAcceptedBodyCheck } from './accepted-body-check';
import { AcceptedInputMemo } from './accepted-input-memo';
import { runInterceptors } from './lean-interceptors';
import { discoverLeanRoutes, type LeanEndpoint } from './lean-route-table';
import { runInLazyOrmContext } from './lazy-orm-context';
import { runMiddlewares, type NodeMiddleware } from './node-middleware';
import { pathMatchingOf, pathOf, pathPatternOf, routeKeyOf } from './route-paths';

/** A lean route's `@Body()` or `@Query()` parameter. */
type LeanInput = NonNullable<LeanEndpoint['body']>;

/** Answers the request if it is for a lean route and returns true; returns false for every other request. */
export type LeanDispatcher = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The JSON of frozen results (answers kept by a cache, frozen all the way down), written once per object. */
const frozenJson = new WeakMap<object, string>();
const jsonOf = (result: object): string => {
  if (!Object.isFrozen(result)) return JSON.stringify(result);
  let text = frozenJson.get(result);
  if (text === undefined) frozenJson.set(result, (text = JSON.stringify(result)));
  return text;
};

/** A byte body (`StreamableFile`, as Nest's Express adapter sends it: its type, length and disposition). */
const sendFile = (res: ServerResponse, status: number, file: StreamableFile): void => {
  const { type, length, disposition } = file.getHeaders();
  res.statusCode = status;
  res.setHeader('content-type', type as string);
  if (length !== undefined) res.setHeader('content-length', length);
  if (disposition) res.setHeader('content-disposition', disposition);
  const stream = file.getStream().once('error', (error) => file.errorHandler(error, res as never));
  stream.pipe(res);
};

const reply = (res: ServerResponse, status: number, result: unknown): void => {
  if (result === undefined || result === null) {
    res.statusCode = status;
    res.end();
    return;
  }
  if (result instanceof StreamableFile) return sendFile(res, status, result);
  const json = typeof result === 'object';
  const text = json ? jsonOf(result) : String(result as string);
  // Written directly: no ETag hashing or content negotiation for a body that is never cached.
  res
    .writeHead(status, {
      'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
};

/** Path parameters decoded as Express decodes them, or null when one is not valid percent-encoding. */
const decodeParams = (names: readonly string[], values: readonly string[]) => {
  const params: Record<string, string> = {};
  try {
    names.forEach((name, i) => (params[name] = decodeURIComponent(values[i])));
  } catch {
    return null;
  }
  return params;
};

/**
 * The dispatcher of `@LeanRoute()` controller methods. A request for one runs what Express and Nest would run for it,
 * in the same order and from the same pieces: the shared middlewares (request id, request log, CORS), the ORM's
 * request context, the same body parsers, the API-key check from the route's `@Auth`/`@Public`, the route's
 * interceptors (Nest's protocol, e.g. a multipart upload's), the application's validation pipe on the `@Query()`
 * and `@Body()` DTOs (the query string parsed by Express's configured parser), the controller method itself, the
 * status from `@HttpCode`, errors through `sendError` (the global filter's
 * responder). Routes and their metadata are resolved once here; a request costs a map lookup.
 */
export function leanRoutes(
  app: INestApplication,
  shared: readonly NodeMiddleware[],
  parsers: readonly NodeMiddleware[],
): LeanDispatcher {
  const matching = pathMatchingOf(app);
  // The query string is parsed by Express's own configured parser, so `@Query()` sees what it would see there.
  const express = app.getHttpAdapter().getInstance() as { get(setting: string): unknown };
  const parseQuery = (express.get('query parser fn') ?? (() => ({}))) as (
    query: string | null,
  ) => unknown;
  // Paths without parameters by key; the others as patterns, tried in order.
  const routes = new Map<string, LeanEndpoint>();
  const patterns: { endpoint: LeanEndpoint; pattern: RegExp }[] = [];
  const endpoints = discoverLeanRoutes(app);
  for (const endpoint of endpoints) {
    if (endpoint.paramNames.length > 0) {
      patterns.push({ endpoint, pattern: pathPatternOf(matching, endpoint.path) });
      continue;
    }
    const key = routeKeyOf(matching, endpoint.method, endpoint.path);
    const taken = routes.get(key);
    if (taken) throw new Error(`Lean routes ${taken.name} and ${endpoint.name} share ${key}`);
    routes.set(key, endpoint);
  }
  if (endpoints.length === 0) return () => false;
  /** The lean route a request is for, with its decoded path parameters; null when Express should answer it. */
  const find = (req: IncomingMessage): { endpoint: LeanEndpoint; params: object } | null => {
    const method = req.method ?? '';
    const url = req.url ?? '';
    const exact = routes.get(routeKeyOf(matching, method, url));
    if (exact) return { endpoint: exact, params: {} };
    const path = pathOf(url);
    for (const { endpoint, pattern } of patterns) {
      if (endpoint.method !== method) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const params = decodeParams(endpoint.paramNames, match.slice(1));
      return params ? { endpoint, params } : null;
    }
    return null;
  };

  const verifier = app.get(ApiKeyVerifier);
  // The ORM's request context, which @mikro-orm/nestjs's middleware gives every Nest route (a fresh identity map),
  // here forked on the request's first use of the database.
  const orm = app.get(MikroORM, { strict: false });
  const pipe = createValidationPipe();
  // Bodies the pipe would accept are recognised by a check compiled once from the DTO (much cheaper than
  // class-transformer + class-validator per request); anything else still goes through the pipe for its answer.
  const accepts = new Map<LeanEndpoint, (body: unknown) => object | null>();
  // Otherwise a repeated query string or set of form fields is answered with what the pipe accepted for it before.
  const memos = new Map<LeanInput, AcceptedInputMemo>();
  for (const endpoint of endpoints) {
    const dto = endpoint.body?.metadata.metatype as (new () => object) | undefined;
    const check = dto ? compileAcceptedBodyCheck(dto) : null;
    if (check) accepts.set(endpoint, check);
    for (const input of check ? [endpoint.query] : [endpoint.query, endpoint.body]) {
      const memo = AcceptedInputMemo.for(
        input?.metadata.metatype as (new () => object) | undefined,
      );
      if (input && memo) memos.set(input, memo);
    }
  }
  /** The `@Query()`/`@Body()` argument: a remembered acceptance, else the pipe's answer (remembered if accepted). */
  const validated = async (input: LeanInput, value: unknown) => {
    const memo = memos.get(input);
    const recalled = memo?.recall(value);
    if (recalled) return recalled;
    const accepted = (await pipe.transform(value, input.metadata)) as object;
    memo?.remember(value, accepted);
    return accepted;
  };
  const before = [...shared, ...parsers];
  type LeanRequest = HttpRequest & { body?: unknown; params?: object; principal?: Principal };
  /** The method's arguments resolved (Nest's order: after the interceptors' first halves), then the method. */
  const call = async (
    endpoint: LeanEndpoint,
    req: LeanRequest,
    context: () => ExecutionContext,
  ) => {
    const args: unknown[] = new Array(endpoint.arity);
    for (const arg of endpoint.custom) args[arg.index] = arg.factory(arg.data, context());
    for (const upload of endpoint.uploads)
      args[upload.index] = (req as unknown as Record<string, unknown>)[upload.property];
    for (const param of endpoint.params) {
      let value: unknown = (req.params as Record<string, string>)[param.metadata.data];
      for (const paramPipe of param.pipes) value = await paramPipe.transform(value, param.metadata);
      args[param.index] = value;
    }
    if (endpoint.query) {
      const url = req.url ?? '';
      const mark = url.indexOf('?');
      const query = parseQuery(mark < 0 ? null : url.slice(mark + 1));
      args[endpoint.query.index] = await validated(endpoint.query, query);
    }
    if (endpoint.body) {
      args[endpoint.body.index] =
        accepts.get(endpoint)?.(req.body) ?? (await validated(endpoint.body, req.body));
    }
    return endpoint.invoke(args);
  };
  const handle = async (endpoint: LeanEndpoint, req: LeanRequest, res: ServerResponse) => {
    if (!endpoint.access.isPublic) {
      // Where the auth guard keeps the caller, for `@CurrentUser()`.
      req.principal = await authorize(verifier, req.headers[API_KEY_HEADER], endpoint.access.roles);
    }
    // Nest's execution context ('http' type), made once if an interceptor or a custom decorator asks for it.
    let made: ExecutionContext | undefined;
    const context = () =>
      (made ??= new ExecutionContextHost(
        [req, res, () => undefined],
        endpoint.controller,
        endpoint.handler,
      ));
    const result =
      endpoint.interceptors.length === 0
        ? await call(endpoint, req, context)
        : await runInterceptors(endpoint.interceptors, context(), () =>
            call(endpoint, req, context),
          );
    // A method's Observable is answered with its last value, as Nest answers it.
    return isObservable(result) ? lastValueFrom(result) : result;
  };
  return (req, res) => {
    const found = find(req);
    if (!found) return false;
    const { endpoint } = found;
    (req as { params?: object }).params = found.params;
    // The route label of the request's metrics (Express routes get theirs from Express's matched route).
    (req as RoutedRequest).routeTemplate = endpoint.path;
    runMiddlewares(
      before,
      req,
      res,
      () => {
        runInLazyOrmContext(orm.em, () => handle(endpoint, req, res)).then(
          (result) => reply(res, endpoint.status, result),
          (error: unknown) => sendError(error, req, res),
        );
      },
      (error) => sendError(translateBodyParserError(error), req, res),
    );
    return true;
  };
}

/**
 * Lets the HTTP server hand lean-route requests to `dispatch` before Express sees them; every other request goes to
 * Express (and Nest) as before. Express's own per-request set-up costs more than a raw server's whole request, so the
 * few hot routes skip it.
 */
export function serveLeanRoutesFirst(server: Server, dispatch: LeanDispatcher): void {
  const handlers = server.listeners('request') as ((...args: unknown[]) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (dispatch(req, res)) return;
    for (const handler of handlers) handler.call(server, req, res);
  });
}
