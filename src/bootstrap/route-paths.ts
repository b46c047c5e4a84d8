import type { INestApplication } from '@nestjs/common';

/** How Express's router compares paths (its `case sensitive routing` and `strict routing` settings). */
export interface PathMatching {
  caseSensitive: boolean;
  strict: boolean;
}

/** The application's Express path-matching settings. */
export const pathMatchingOf = (app: INestApplication): PathMatching => {
  const express = app.getHttpAdapter().getInstance() as { enabled(setting: string): boolean };
  return {
    caseSensitive: express.enabled('case sensitive routing'),
    strict: express.enabled('strict routing'),
  };
};

/** The request's path without its query string. */
export const pathOf = (url: string): string => {
  const mark = url.indexOf('?');
  return mark < 0 ? url : url.slice(0, mark);
};

/**
 * The key a request path is looked up by, so that every spelling Express routes to a path finds it: the query string
 * dropped, one trailing slash dropped unless routing is strict, the case folded unless routing is case-sensitive.
 * Any other spelling (`//score`, `%73core`) is not found and goes to Express, which answers exactly as it would.
 */
export const routeKeyOf = (matching: PathMatching, method: string, url: string): string => {
  let path = pathOf(url);
  if (!matching.strict && path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return `${method} ${matching.caseSensitive ? path : path.toLowerCase()}`;
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A route path with `:name` segments (e.g. `/api/v1/dashboards/:id/metrics`) as the pattern Express matches it with:
 * each parameter one non-empty segment, captured in order; a trailing slash allowed unless routing is strict.
 */
export const pathPatternOf = (matching: PathMatching, path: string): RegExp =>
  new RegExp(
    `^${path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '([^/]+)' : escape(segment)))
      .join('/')}${matching.strict ? '' : '/?'}$`,
    matching.caseSensitive ? '' : 'i',
  );

const isWild = (segment: string): boolean => /[:*?+()[\]{}]/.test(segment);

/**
 * Whether some request path could match both route paths: segment by segment equal, or a parameter or pattern on
 * either side; a `*` wildcard (any number of segments) makes the rest match anything.
 */
export const pathsOverlap = (matching: PathMatching, a: string, b: string): boolean => {
  const fold = (s: string) => (matching.caseSensitive ? s : s.toLowerCase());
  const left = a.split('/').filter(Boolean);
  const right = b.split('/').filter(Boolean);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const [x, y] = [left[i], right[i]];
    if (x?.includes('*') || y?.includes('*')) return true;
    if (x === undefined || y === undefined) return false;
    if (!isWild(x) && !isWild(y) && fold(x) !== fold(y)) return false;
  }
  return true;
};
