import { classifyError } from './error-kind';

const MAX_LENGTH = 500;

/** Names of the PostgreSQL error conditions a job is likely to meet (SQLSTATE → condition). */
const SQLSTATE_NAMES: Record<string, string> = {
  '22001': 'string data right truncation',
  '22003': 'numeric value out of range',
  '22007': 'invalid datetime format',
  '22008': 'datetime field overflow',
  '22012': 'division by zero',
  '22021': 'character not in repertoire',
  '22P02': 'invalid text representation',
  '23502': 'not null violation',
  '23503': 'foreign key violation',
  '23505': 'unique violation',
  '23514': 'check violation',
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
  '53300': 'too many connections',
  '57P01': 'admin shutdown',
  '57P03': 'cannot connect now',
};

const SQL_TEXT =
  /\b(insert\s+into|update\s+\S+\s+set|delete\s+from|select\s+.+\s+from|values\s*\(|returning\s)/i;

/** BullMQ's reason for a job whose lock expired (its worker died) more often than `maxStalledCount` allows. */
const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

const sqlStateOf = (error: Error): string | undefined => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/**
 * The readable reason stored as a task's `error`: one line, never a stack trace, SQL text or the values of
 * other rows. Database errors become "database error (22008 datetime field overflow)", connection errors
 * "service unavailable (ECONNREFUSED)".
 */
export function taskErrorText(error: unknown): string {
  if (!(error instanceof Error)) return 'failed';
  if (error.message === STALLED_TOO_OFTEN)
    return `The worker running this job stopped before it finished, too many times (${STALLED_TOO_OFTEN})`;
  const sqlState = sqlStateOf(error);
  if (sqlState) {
    const name = SQLSTATE_NAMES[sqlState];
    return `database error (${sqlState}${name ? ` ${name}` : ''})`;
  }
  const code = (error as { code?: unknown }).code;
  if (classifyError(error) === 'transient')
    return `service unavailable (${typeof code === 'string' ? code : error.name})`;
  const firstLine = (error.message || error.name).split('\n')[0].trim();
  if (SQL_TEXT.test(firstLine)) return `database error (${error.name})`;
  return firstLine.length > MAX_LENGTH ? `${firstLine.slice(0, MAX_LENGTH - 1)}…` : firstLine;
}
