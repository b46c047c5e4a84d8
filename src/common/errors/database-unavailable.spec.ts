import {
  ConnectionException,
  DriverException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, code: string): Error =>
  Object.assign(new Error(message), { code });

describe('database unavailable or not', () => {
  it('recognises connection failures however they are wrapped', () => {
    expect(
      isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5999', 'ECONNREFUSED')),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(new DriverException(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))),
    ).toBe(true);
    expect(isDatabaseUnavailable(new ConnectionException(new Error('lost')))).toBe(true);
    expect(
      isDatabaseUnavailable(
        withCode('terminating connection due to administrator command', '57P01'),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const timeout = Object.assign(
      new Error('Knex: Timeout acquiring a connection. The pool is probably full.'),
      {
        name: 'KnexTimeoutError',
      },
    );
    expect(isDatabaseUnavailable(timeout)).toBe(true);
    expect(isDatabaseUnavailable(new DriverException(timeout))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('query failed', { cause: withCode('x', 'ECONNRESET') })),
    ).toBe(true);
  });

  it('leaves query and data errors alone', () => {
    expect(isDatabaseUnavailable(withCode('timestamp out of range', '22008'))).toBe(false);
    expect(
      isDatabaseUnavailable(new UniqueConstraintViolationException(withCode('duplicate', '23505'))),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
