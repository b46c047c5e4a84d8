import { MikroORM, RequestContext } from '@mikro-orm/core';
import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { authorize } from '../common/auth/authorize';
import { API_KEY_HEADER, ApiKeyVerifier } from '../common/auth/principal';
import { sendError, type HttpRequest } from '../common/errors/error-responder';
import { translateBodyParserError } from '../common/http/body-parser-errors';
import { createValidationPipe } from '../common/http/validation-pipe';
import type { RoutedRequest } from '../platform/metrics/http-metrics';
import { compileAcceptedBodyCheck } from './accepted-body-check';
import { discoverLeanRoutes, type LeanEndpoint } from './lean-route-table';
import { runMiddlewares, type NodeMiddleware } from './node-middleware';

/** Answers the request if it is for a lean route and returns true; returns false for every other request. */
export type LeanDispatcher = (req: IncomingMessage, res: ServerResponse) => boolean;

/** How Express's router compares paths (its `case sensitive routing` and `strict routing` settings). */
export interface PathMatching {
  caseSensitive: boolean;
  strict: boolean;
}

/**
 * The key a request path is looked up by, so that every spelling Express routes to a path finds it: the query string
 * dropped, one trailing slash dropped unless routing is strict, the case folded unless routing is case-sensitive.
 * Any other spelling (`//score`, `%73core`) is not found and goes to Express, which answers exactly as it would.
 */
/** The application's Express path-matching settings. */
export const pathMatchingOf = (app: INestApplication): PathMatching => {
  const express = app.getHttpAdapter().getInstance() as { enabled(setting: string): boolean };
  return {
    caseSensitive: express.enabled('case sensitive routing'),
    strict: express.enabled('strict routing'),
  };
};

export const routeKeyOf = (matching: PathMatching, method: string, url: string): string => {
  const mark = url.indexOf('?');
  let path = mark < 0 ? url : url.slice(0, mark);
  if (!matching.strict && path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${method} ${matching.caseSensitive ? path : path.toLowerCase()}`;
};

/** The JSON of frozen results (answers kept by a cache, frozen all the way down), written once per object. */
const frozenJson = new WeakMap<object, string>();
const jsonOf = (result: object): string => {
  if (!Object.isFrozen(result)) return JSON.stringify(result);
  let text = frozenJson.get(result);
  if (text === undefined) frozenJson.set(result, (text = JSON.stringify(result)));
  return text;
};

const reply = (res: ServerResponse, status: number, result: unknown): void => {
  if (result === undefined || result === null) {
    res.statusCode = status;
    res.end();
    return;
  }
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

/**
 * The dispatcher of `@LeanRoute()` controller methods. A request for one runs what Express and Nest would run for it,
 * in the same order and from the same pieces: the shared middlewares (request id, request log, CORS), the ORM's
 * request context, the same body
 * parsers, the API-key check from the route's `@Auth`/`@Public`, the application's validation pipe on the `@Query()`
 * and `@Body()` DTOs (the query string parsed by Express's configured parser), the controller method itself, the status from `@HttpCode`, errors through `sendError` (the global filter's
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
  const routes = new Map<string, LeanEndpoint>();
  for (const endpoint of discoverLeanRoutes(app)) {
    const key = routeKeyOf(matching, endpoint.method, endpoint.path);
    const taken = routes.get(key);
    if (taken) throw new Error(`Lean routes ${taken.name} and ${endpoint.name} share ${key}`);
    routes.set(key, endpoint);
  }
  if (routes.size === 0) return () => false;

  const verifier = app.get(ApiKeyVerifier);
  // The ORM's request context, which @mikro-orm/nestjs's middleware gives every Nest route (a fresh identity map).
  const orm = app.get(MikroORM, { strict: false });
  const pipe = createValidationPipe();
  // Bodies the pipe would accept are recognised by a check compiled once from the DTO (much cheaper than
  // class-transformer + class-validator per request); anything else still goes through the pipe for its answer.
  const accepts = new Map<LeanEndpoint, (body: unknown) => object | null>();
  for (const endpoint of routes.values()) {
    const dto = endpoint.body?.metadata.metatype as (new () => object) | undefined;
    const check = dto ? compileAcceptedBodyCheck(dto) : null;
    if (check) accepts.set(endpoint, check);
  }
  const before = [...shared, ...parsers];
  const handle = async (endpoint: LeanEndpoint, req: HttpRequest & { body?: unknown }) => {
    if (!endpoint.access.isPublic) {
      await authorize(verifier, req.headers[API_KEY_HEADER], endpoint.access.roles);
    }
    const args: unknown[] = new Array(endpoint.arity);
    if (endpoint.query) {
      const url = req.url ?? '';
      const mark = url.indexOf('?');
      const query = parseQuery(mark < 0 ? null : url.slice(mark + 1));
      args[endpoint.query.index] = await pipe.transform(query, endpoint.query.metadata);
    }
    if (endpoint.body) {
      args[endpoint.body.index] =
        accepts.get(endpoint)?.(req.body) ??
        (await pipe.transform(req.body, endpoint.body.metadata));
    }
    return endpoint.invoke(args);
  };
  return (req, res) => {
    const endpoint = routes.get(routeKeyOf(matching, req.method ?? '', req.url ?? ''));
    if (!endpoint) return false;
    // The route label of the request's metrics (Express routes get theirs from Express's matched route).
    (req as RoutedRequest).routeTemplate = endpoint.path;
    runMiddlewares(
      before,
      req,
      res,
      () => {
        RequestContext.create(orm.em, () => handle(endpoint, req)).then(
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
