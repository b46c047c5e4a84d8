import { describe, expect, it } from 'vitest';
import { findUnhandledJobs } from './job-handler-verifier';
import { jobNamesOf } from './queue-catalog';

describe('findUnhandledJobs', () => {
  it('accepts processors that cover every declared job', () => {
    const complete = { queueName: 'housekeeping', handledJobs: () => jobNamesOf('housekeeping') };
    expect(findUnhandledJobs([complete])).toEqual([]);
  });

  it('names each declared job without a handler', () => {
    const partial = { queueName: 'housekeeping', handledJobs: () => ['purge-api-keys'] };
    expect(findUnhandledJobs([partial])).toEqual(['housekeeping/purge-task-records']);
    expect(findUnhandledJobs([])).toEqual([
      'housekeeping/purge-api-keys',
      'housekeeping/purge-task-records',
    ]);
  });

  it('does not count a handler registered on another queue', () => {
    const wrongQueue = { queueName: 'elsewhere', handledJobs: () => jobNamesOf('housekeeping') };
    expect(findUnhandledJobs([wrongQueue])).toHaveLength(2);
  });
});
