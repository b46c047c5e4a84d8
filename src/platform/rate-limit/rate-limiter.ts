import { HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_KEY_HEADER } from '../../common/auth/principal';
import { sendError } from '../../common/errors/error-responder';
import { AppConfig, type RateLimitPolicy } from '../../config';
import { requestContext } from '../logging/request-context';
import { clientAddressOf } from './client-address';
import type { RouteClass } from './rate-limit.decorator';
import { RateLimitStore, type CountCallback, type RateLimitCount } from './rate-limit-store';
import type { RouteClassTable } from './route-class-table';

/** Response headers of IETF draft "RateLimit header fields for HTTP", and Retry-After on a 429. */
export const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

const MAX_LOCAL_BLOCKS = 10_000;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** Counts of requests let through at once go to Redis within this, a caller's together. */
const COUNT_LATER_MS = 100;
/**
 * Below this count a caller whose count this process already knows (see RateLimitStore.estimate) is let through at
 * once and counted on the way; in the last `waitPercent` of the limit (at least its last request) each request
 * waits for its count from Redis.
 */
const decidedAtOnceBelow = (limit: number, waitPercent: number): number =>
  limit - Math.max(1, Math.ceil((limit * waitPercent) / 100));

/**
 * The API's rate limiter, a Node middleware run for every request (Express routes, lean routes, the queue dashboard)
 * before anything costly. Each request is counted against its route class's limit, per API key (a digest of the
 * presented key) or per client address without one, in Redis so replicas share the counts (see RateLimitStore). A
 * request presenting credentials (x-api-key or Authorization) is refused first if its address has had too many
 * failed authentications (RATE_LIMIT_AUTH_FAILURE), before any key or password is checked; every 401 to such a
 * request counts as a failure. Over a limit: 429 in the standard error shape with Retry-After. Callers already over
 * a limit are answered from memory until their window ends (their count only grows until then). A caller whose last
 * count from Redis, plus its requests still on their way, is below the last RATE_LIMIT_WAIT_PERCENT of the limit (and
 * of the auth-failure limit) is let through without waiting for the round trip, which still counts the request
 * (within 100 ms, with the caller's others); nearer the limit, and for a caller not yet heard of in its window, each
 * request waits for its count. Redis unreachable or slow (RATE_LIMIT_REDIS_TIMEOUT_MS): requests are let through,
 * and a warning is logged at most every 10 s.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly policies: Record<Exclude<RouteClass, 'exempt'>, RateLimitPolicy>;
  private readonly authFailure: RateLimitPolicy;
  private readonly waitPercent: number;
  private readonly prefix: string;
  private readonly blockedUntil = new Map<string, number>();
  private lastWarning = 0;

  constructor(
    private readonly store: RateLimitStore,
    config: AppConfig,
  ) {
    const { default: fallback, inference, upload, authFailure, waitPercent } = config.rateLimits;
    this.policies = { default: fallback, inference, upload };
    this.authFailure = authFailure;
    this.waitPercent = waitPercent;
    this.prefix = `${config.redis.keyPrefix}:ratelimit`;
  }

  middleware(routes: RouteClassTable): Middleware {
    return (req, res, next) => {
      const routeClass = routes.classOf(req.method, req.url);
      if (routeClass === 'exempt') next();
      else this.check(routeClass, req, res, next);
    };
  }

  private check(
    routeClass: Exclude<RouteClass, 'exempt'>,
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ): void {
    const policy = this.policies[routeClass];
    const address = clientAddressOf(req);
    const key = req.headers[API_KEY_HEADER];
    const hasKey = typeof key === 'string' && key.length > 0;
    const presentsCredentials = hasKey || req.headers.authorization !== undefined;
    const caller = hasKey
      ? `key:${createHash('sha256').update(key).digest('base64url').slice(0, 24)}`
      : `ip:${address}`;
    const counterKey = `${this.prefix}:${routeClass}:${caller}`;
    const failureKey = `${this.prefix}:auth-failure:${address}`;
    const now = Date.now();
    if (presentsCredentials && this.blocked(failureKey, now))
      return this.refuse(
        req,
        res,
        this.authFailure,
        this.blockedUntil.get(failureKey)! - now,
        true,
      );
    if (this.blocked(counterKey, now))
      return this.refuse(req, res, policy, this.blockedUntil.get(counterKey)! - now, false);

    const admit = (remaining: number, resetMs: number): void => {
      this.setHeaders(res, policy, remaining, resetMs);
      if (presentsCredentials) res.once('finish', () => this.afterCredentials(res, failureKey));
      next();
    };
    const failures = presentsCredentials ? failureKey : null;
    const known = this.store.estimate(counterKey, failures);
    if (
      known &&
      known.hits < decidedAtOnceBelow(policy.limit, this.waitPercent) &&
      known.failures < decidedAtOnceBelow(this.authFailure.limit, this.waitPercent)
    ) {
      // Counted on the way; what the count says then only matters to this caller's next requests.
      const counted: CountCallback = (error, count) => {
        if (error || !count) return this.warn(error);
        this.blockIfOver(count, policy, counterKey, failureKey, Date.now());
      };
      this.store.consume(counterKey, policy.windowMs, failures, counted, COUNT_LATER_MS);
      return admit(policy.limit - known.hits - 1, known.resetMs);
    }

    const decide = (error: unknown, count?: RateLimitCount): void => {
      if (error || !count) {
        this.warn(error);
        return next();
      }
      const over = this.blockIfOver(count, policy, counterKey, failureKey, now);
      if (over === 'auth-failure')
        return this.refuse(req, res, this.authFailure, count.failuresResetMs, true);
      if (over === 'limit') return this.refuse(req, res, policy, count.resetMs, false);
      admit(policy.limit - count.hits, count.resetMs);
    };
    // The count may come back through another request's round trip: go on in this request's own log context.
    const context = requestContext.getStore();
    this.store.consume(counterKey, policy.windowMs, failures, (error, count) => {
      if (context && requestContext.getStore() !== context)
        requestContext.run(context, () => decide(error, count));
      else decide(error, count);
    });
  }

  /**
   * Remembers a caller (or its address, for auth failures) over its limit until the window ends, so its next
   * requests are answered from memory; says which limit the count is over, if any.
   */
  private blockIfOver(
    count: RateLimitCount,
    policy: RateLimitPolicy,
    counterKey: string,
    failureKey: string,
    now: number,
  ): 'auth-failure' | 'limit' | null {
    if (count.failures >= this.authFailure.limit) {
      this.block(failureKey, now + count.failuresResetMs);
      return 'auth-failure';
    }
    if (count.hits > policy.limit) {
      this.block(counterKey, now + count.resetMs);
      return 'limit';
    }
    return null;
  }

  /** A 401 to a request that presented credentials is one more failed authentication of its address. */
  private afterCredentials(res: ServerResponse, failureKey: string): void {
    if (res.statusCode !== HttpStatus.UNAUTHORIZED) return;
    this.store
      .recordFailure(failureKey, this.authFailure.windowMs)
      .catch((error: unknown) => this.warn(error));
  }

  private refuse(
    req: IncomingMessage,
    res: ServerResponse,
    policy: RateLimitPolicy,
    resetMs: number,
    authFailures: boolean,
  ): void {
    this.setHeaders(res, policy, 0, resetMs);
    res.setHeader('Retry-After', seconds(resetMs));
    const what = authFailures
      ? `Too many failed authentications from your address: at most ${policy.limit}`
      : `Rate limit exceeded: at most ${policy.limit} requests`;
    const message = `${what} per ${seconds(policy.windowMs)} s; retry in ${seconds(resetMs)} s`;
    sendError(new HttpException(message, HttpStatus.TOO_MANY_REQUESTS), req, res);
  }

  private setHeaders(
    res: ServerResponse,
    policy: RateLimitPolicy,
    remaining: number,
    resetMs: number,
  ): void {
    res.setHeader('RateLimit-Limit', policy.limit);
    res.setHeader('RateLimit-Remaining', Math.max(0, remaining));
    res.setHeader('RateLimit-Reset', seconds(resetMs));
  }

  private blocked(key: string, now: number): boolean {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return false;
    if (until > now) return true;
    this.blockedUntil.delete(key);
    return false;
  }

  private block(key: string, until: number): void {
    if (this.blockedUntil.size >= MAX_LOCAL_BLOCKS) this.blockedUntil.clear();
    this.blockedUntil.set(key, until);
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.logger.warn(
      { reason: (error as Error).message },
      'rate limiter: Redis unavailable, requests not counted',
    );
  }
}
