/** `http://localhost:<port>` and `http://127.0.0.1:<port>` (any port, or none): a developer's own front end. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/**
 * Which request origins get CORS headers: those in BACKEND_CORS_ORIGINS, plus, when `allowLocalhost` is set
 * (CORS_ALLOW_LOCALHOST, which `npm start` turns on), any loopback http origin. Production keeps the allow-list only.
 */
export function corsOriginPolicy(
  allowList: readonly string[],
  allowLocalhost: boolean,
): (origin: string | undefined) => boolean {
  const allowed = new Set(allowList);
  return (origin) =>
    origin !== undefined && (allowed.has(origin) || (allowLocalhost && LOCAL_ORIGIN.test(origin)));
}
