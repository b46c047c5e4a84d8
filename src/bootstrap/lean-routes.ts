import type { INestApplication } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { authorize } from '../common/auth/authorize';
import { API_KEY_HEADER, ApiKeyVerifier } from '../common/auth/principal';
import { sendError, type HttpRequest } from '../common/errors/error-responder';
import { RequestValidationException } from '../common/errors/validation.exception';
import { readJsonBody } from '../common/http/json-body';
import {
  LEAN_ROUTE,
  type LeanRouteHandler,
  type LeanRouteOptions,
} from '../common/http/lean-route';

/** A connect-style middleware on Node's own request and response (what Express middlewares also accept). */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Answers the request if it is for a lean route and returns true; returns false for every other request. */
export type LeanDispatcher = (req: IncomingMessage, res: ServerResponse) => boolean;

interface Mounted {
  options: LeanRouteOptions;
  route: LeanRouteHandler<unknown>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const splitUrl = (url: string): [path: string, query: string] => {
  const mark = url.indexOf('?');
  return mark < 0 ? [url, ''] : [url.slice(0, mark), url.slice(mark + 1)];
};

/** Runs middlewares one after another, then `done`; an error goes to the standard error response. */
const chain = (
  middlewares: NodeMiddleware[],
  req: HttpRequest,
  res: ServerResponse,
  done: () => void,
): void => {
  const step = (i: number): void => {
    if (i === middlewares.length) return done();
    middlewares[i](req, res, (error?: unknown) =>
      error ? sendError(error, req, res) : step(i + 1),
    );
  };
  step(0);
};

/**
 * The dispatcher of `@LeanRoute` providers: each request for one runs through the same request id, request log and
 * CORS middlewares as every route (`shared`), the same API-key check and error shape, and is answered without
 * Express's or Nest's per-request machinery (see {@link serveLeanRoutesFirst}).
 */
export function leanRoutes(
  app: INestApplication,
  shared: NodeMiddleware[],
  bodyLimit: number,
): LeanDispatcher {
  const verifier = app.get(ApiKeyVerifier);
  const routes = new Map<string, Mounted>();
  for (const wrapper of app.get(DiscoveryService).getProviders()) {
    const options = wrapper.metatype
      ? (Reflect.getMetadata(LEAN_ROUTE, wrapper.metatype) as LeanRouteOptions | undefined)
      : undefined;
    if (options && wrapper.instance) {
      routes.set(`${options.method.toUpperCase()} ${options.path}`, {
        options,
        route: wrapper.instance as LeanRouteHandler<unknown>,
      });
    }
  }
  const serve = (
    { options, route }: Mounted,
    query: string,
    req: HttpRequest,
    res: ServerResponse,
  ): void => {
    authorize(verifier, req.headers[API_KEY_HEADER], options.roles)
      .then(async (principal) => {
        const parsed = route.parse(
          options.method === 'post'
            ? await readJsonBody(req, bodyLimit)
            : Object.fromEntries(new URLSearchParams(query)),
        );
        if ('problems' in parsed) throw new RequestValidationException(parsed.problems);
        return route.handle(parsed.value, principal);
      })
      .then((result) => {
        // Written directly: no ETag hashing or content negotiation for a body that is never cached.
        res.writeHead(options.status, JSON_HEADERS).end(JSON.stringify(result));
      })
      .catch((error: unknown) => sendError(error, req, res));
  };
  return (req, res) => {
    if (routes.size === 0) return false;
    const [path, query] = splitUrl(req.url ?? '');
    const mounted = routes.get(`${req.method} ${path}`);
    if (!mounted) return false;
    chain(shared, req, res, () => serve(mounted, query, req, res));
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
