import type { IncomingMessage, ServerResponse } from 'node:http';

/** A connect-style middleware on Node's own request and response (what Express middlewares also accept). */
export type NodeMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Runs middlewares one after another like Express does, then `done`; the first error goes to `failed`. */
export function runMiddlewares(
  middlewares: readonly NodeMiddleware[],
  req: IncomingMessage,
  res: ServerResponse,
  done: () => void,
  failed: (error: unknown) => void,
): void {
  const step = (i: number): void => {
    if (i === middlewares.length) return done();
    middlewares[i](req, res, (error?: unknown) => (error ? failed(error) : step(i + 1)));
  };
  step(0);
}
