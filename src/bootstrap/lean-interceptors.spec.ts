import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { map, of, throwError, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { runInterceptors } from './lean-interceptors';

const context = {} as ExecutionContext;

/** Records its name before and after the route, and wraps the result. */
const wrapping = (name: string, seen: string[], asPromise = false): NestInterceptor => ({
  intercept(
    _context: ExecutionContext,
    next: CallHandler,
  ): Observable<unknown> | Promise<Observable<unknown>> {
    seen.push(`${name}:before`);
    const out = next.handle().pipe(
      map((value) => {
        seen.push(`${name}:after`);
        return { [name]: value };
      }),
    );
    return asPromise ? Promise.resolve(out) : out;
  },
});

describe('lean route interceptors', () => {
  it('runs interceptors in order around the route, with Observables or promises of them', async () => {
    const seen: string[] = [];
    const result = await runInterceptors(
      [wrapping('outer', seen, true), wrapping('inner', seen)],
      context,
      async () => {
        seen.push('route');
        return 'value';
      },
    );
    expect(result).toEqual({ outer: { inner: 'value' } });
    expect(seen).toEqual(['outer:before', 'inner:before', 'route', 'inner:after', 'outer:after']);
  });

  it('flattens an Observable the method returns, and gives undefined for an empty answer', async () => {
    await expect(runInterceptors([wrapping('w', [])], context, async () => of(7))).resolves.toEqual(
      { w: 7 },
    );
    await expect(
      runInterceptors([wrapping('w', [])], context, async () => undefined),
    ).resolves.toEqual({ w: undefined });
    const swallowing: NestInterceptor = { intercept: () => of() };
    await expect(runInterceptors([swallowing], context, async () => 1)).resolves.toBeUndefined();
  });

  it("passes the route's errors through the interceptors, and an interceptor's own", async () => {
    const failure = new Error('route failed');
    await expect(
      runInterceptors([wrapping('w', [])], context, () => Promise.reject(failure)),
    ).rejects.toBe(failure);
    const refusing: NestInterceptor = { intercept: () => throwError(() => new Error('refused')) };
    let ran = false;
    await expect(runInterceptors([refusing], context, async () => (ran = true))).rejects.toThrow(
      'refused',
    );
    expect(ran).toBe(false);
  });

  it('runs the route in the async context the chain started in', async () => {
    const storage = new AsyncLocalStorage<string>();
    const delaying: NestInterceptor = {
      async intercept(_context, next) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return next.handle();
      },
    };
    const seen = await storage.run('request-1', () =>
      runInterceptors([delaying], context, async () => storage.getStore()),
    );
    expect(seen).toBe('request-1');
  });
});
