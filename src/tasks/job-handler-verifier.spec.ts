import { describe, expect, it } from 'vitest';
import { findUnhandledJobs } from './job-handler-verifier';
import { jobNamesOf } from './queue-catalog';

describe('findUnhandledJobs', () => {
  it('accepts processors that cover every declared job', () => {
    const complete = { queueName: 'housekeeping', handledJobs: () => jobNamesOf('housekeeping') };
    expect(findUnhandledJobs([complete], ['housekeeping'])).toEqual([]);
  });

  it('names each declared job without a handler', () => {
    const partial = { queueName: 'housekeeping', handledJobs: () => ['purge-api-keys'] };
    expect(findUnhandledJobs([partial], ['housekeeping'])).toEqual([
      'housekeeping/purge-task-records',
      'housekeeping/ping',
    ]);
    expect(findUnhandledJobs([], ['housekeeping'])).toEqual([
      'housekeeping/purge-api-keys',
      'housekeeping/purge-task-records',
      'housekeeping/ping',
    ]);
  });

  it('checks every worker-run queue of the catalogue by default', () => {
    expect(findUnhandledJobs([])).toEqual(
      expect.arrayContaining(['housekeeping/purge-api-keys', 'predictions/import-csv']),
    );
  });

  it('does not count a handler registered on another queue', () => {
    const wrongQueue = { queueName: 'elsewhere', handledJobs: () => jobNamesOf('housekeeping') };
    expect(findUnhandledJobs([wrongQueue], ['housekeeping'])).toHaveLength(
      jobNamesOf('housekeeping').length,
    );
  });
});
