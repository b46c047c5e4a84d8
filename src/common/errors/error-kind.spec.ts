import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { classifyError } from './error-kind';

const withCode = (code: string, message = 'x', name = 'Error'): Error =>
  Object.assign(new Error(message), { code, name });

describe('classifyError', () => {
  it('calls connection failures of PostgreSQL, Redis and the network transient', () => {
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', '57P01', '57P03', '08006'])
      expect(classifyError(withCode(code)), code).toBe('transient');
    expect(classifyError(withCode('ECONNREFUSED', 'x', 'ConnectionException'))).toBe('transient');
    expect(classifyError(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyError(new Error('Connection is closed.'))).toBe('transient');
    expect(
      classifyError(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' })),
    ).toBe('transient');
    expect(classifyError(new AggregateError([withCode('ECONNREFUSED')], ''))).toBe('transient');
    expect(classifyError(new Error('wrapped', { cause: withCode('ETIMEDOUT') }))).toBe('transient');
  });

  it('calls data and validation errors permanent', () => {
    expect(classifyError(withCode('22008', 'date/time field value out of range'))).toBe(
      'permanent',
    );
    expect(classifyError(withCode('23505', 'duplicate key'))).toBe('permanent');
    expect(classifyError(new UnrecoverableError('bad input'))).toBe('permanent');
    expect(classifyError(Object.assign(new Error('x'), { name: 'TaskFailure' }))).toBe('permanent');
  });

  it('leaves anything else unknown', () => {
    expect(classifyError(new Error('something odd'))).toBe('unknown');
    expect(classifyError('a string')).toBe('unknown');
    expect(classifyError(withCode('42P01'))).toBe('unknown');
  });
});
