import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { defer, isObservable, lastValueFrom, mergeAll, mergeMap, of, type Observable } from 'rxjs';

/**
 * A lean route's interceptors around its method, with Nest's protocol: each `intercept(context, next)` in order, the
 * last `next.handle()` running `route` (its arguments resolved, then the method), whose result comes back through
 * every interceptor's Observable. Nest's own consumer also binds every step to a new AsyncResource (two per
 * interceptor, each costing an async-hook init); a lean route runs in its request's async context from start to end
 * (promises and timers keep it), so the steps are not bound.
 */
export function runInterceptors(
  interceptors: readonly NestInterceptor[],
  context: ExecutionContext,
  route: () => Promise<unknown>,
): Promise<unknown> {
  const step = (index: number): Observable<unknown> => {
    // The method's result as one value (an Observable it returns, flattened), like Nest's last step.
    if (index >= interceptors.length)
      return defer(route).pipe(mergeMap((value) => (isObservable(value) ? value : of(value))));
    const next: CallHandler = { handle: () => step(index + 1) };
    // `intercept` may return its Observable or a promise of it.
    return defer(async () => interceptors[index].intercept(context, next)).pipe(mergeAll());
  };
  return lastValueFrom(step(0), { defaultValue: undefined });
}
