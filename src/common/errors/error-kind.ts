/**
 * Whether retrying can help. `transient`: the database, Redis or the network was unreachable or restarting
 * (retry with a long, capped backoff); `permanent`: the input or the data is wrong (fail at once); `unknown`:
 * anything else (retry a few times).
 */
export type ErrorKind = 'transient' | 'permanent' | 'unknown';

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const TRANSIENT_NAMES = new Set([
  'ConnectionException',
  'KnexTimeoutError',
  'MaxRetriesPerRequestError',
  'LockWaitTimeoutException',
  'DeadlockException',
]);

const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /connection is closed/i,
  /timeout exceeded when trying to connect/i,
  /timeout acquiring a connection/i,
  /stream isn't writeable/i,
  /the database system is (starting up|shutting down)/i,
  /terminating connection due to administrator command/i,
];

const PERMANENT_NAMES = new Set([
  'UnrecoverableError',
  'TaskFailure',
  'ValidationError',
  'InvalidReliefInputError',
  'NotFoundError',
]);

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Classifies an error thrown by a job handler or a write (see {@link ErrorKind}). */
export function classifyError(error: unknown): ErrorKind {
  if (!(error instanceof Error)) return 'unknown';
  if (PERMANENT_NAMES.has(error.name)) return 'permanent';
  const code = codeOf(error);
  if (code && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return 'transient';
  if (TRANSIENT_NAMES.has(error.name)) return 'transient';
  if (code && /^(22|23)/.test(code)) return 'permanent';
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.some((e) => classifyError(e) === 'transient'))
    return 'transient';
  const cause = (error as { cause?: unknown }).cause;
  if (cause && cause !== error && classifyError(cause) === 'transient') return 'transient';
  if (TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message))) return 'transient';
  return 'unknown';
}
