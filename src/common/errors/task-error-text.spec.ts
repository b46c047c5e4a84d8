import { describe, expect, it } from 'vitest';
import { taskErrorText } from './task-error-text';

describe('taskErrorText', () => {
  it('names a database error by its SQLSTATE and never repeats the query or its values', () => {
    const error = Object.assign(
      new Error(
        'insert into "predictions" ("id", "vin") values (\'a\', \'SECRET-VIN\') - date/time field value out of range',
      ),
      { code: '22008', name: 'DriverException' },
    );
    const text = taskErrorText(error);
    expect(text).toBe('database error (22008 datetime field overflow)');
    expect(text).not.toMatch(/insert|SECRET/);
  });

  it('hides SQL text even without a SQLSTATE', () => {
    const text = taskErrorText(new Error('select "t".* from "tasks" as "t" where id = 5 - boom'));
    expect(text).toBe('database error (Error)');
  });

  it('names connection failures', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(taskErrorText(down)).toBe('service unavailable (ECONNREFUSED)');
  });

  it('keeps a readable message on one line, without a stack trace, and short', () => {
    expect(taskErrorText(new Error('No handler for job "x"\n    at foo (bar.js:1:1)'))).toBe(
      'No handler for job "x"',
    );
    expect(taskErrorText(new Error('y'.repeat(3000)))).toHaveLength(500);
    expect(taskErrorText('not an error')).toBe('failed');
  });
});
