import type { INestApplication } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { authorize } from '../common/auth/authorize';
import { API_KEY_HEADER, ApiKeyVerifier } from '../common/auth/principal';
import { sendError } from '../common/errors/error-responder';
import { RequestValidationException } from '../common/errors/validation.exception';
import { readJsonBody } from '../common/http/json-body';
import {
  LEAN_ROUTE,
  type LeanRouteHandler,
  type LeanRouteOptions,
} from '../common/http/lean-route';

interface Mounted {
  options: LeanRouteOptions;
  route: LeanRouteHandler<unknown>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
};

/** Runs Express middlewares one after another, then `done` (they all call next synchronously or not at all). */
const chain = (
  middlewares: RequestHandler[],
  req: Request,
  res: Response,
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
 * The first Express middleware: requests for a `@LeanRoute` are served here, through the same request id, request
 * log and CORS middlewares as every route (`shared`), the same API-key check and error shape — but without the
 * router, body-parser and Nest's per-request pipeline. Every other request continues to Express and Nest.
 */
export function leanRoutes(
  app: INestApplication,
  shared: RequestHandler[],
  bodyLimit: number,
): RequestHandler {
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
  const serve = ({ options, route }: Mounted, req: Request, res: Response): void => {
    authorize(verifier, req.headers[API_KEY_HEADER], options.roles)
      .then(async (principal) => {
        const parsed = route.parse(
          options.method === 'post' ? await readJsonBody(req, bodyLimit) : req.query,
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
  return (req: Request, res: Response, next: NextFunction): void => {
    const mounted = routes.size > 0 ? routes.get(`${req.method} ${pathOf(req.url)}`) : undefined;
    if (!mounted) return next();
    chain(shared, req, res, () => serve(mounted, req, res));
  };
}
