import { UnrecoverableError, type Job } from 'bullmq';
import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { JobMetrics } from '../platform/metrics/job-metrics';
import { JobRunLog } from './job-run-log';

const setUp = () => {
  const lines: Record<string, unknown>[] = [];
  const observed: unknown[][] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const metrics = { observe: (...args: unknown[]) => observed.push(args) } as unknown as JobMetrics;
  return { lines, observed, log: new JobRunLog(pino({ level: 'info' }, stream), metrics) };
};
const job = (attemptsMade: number, attempts = 3): Job =>
  ({ id: 't1', name: 'import-csv', attemptsMade, opts: { attempts } }) as unknown as Job;

describe('JobRunLog', () => {
  it('writes a start and a finish line per attempt and records its duration', () => {
    const { lines, observed, log } = setUp();
    log.start('predictions', job(0)).completed();
    expect(lines[0]).toMatchObject({
      msg: 'job started',
      queue: 'predictions',
      job: 'import-csv',
      jobId: 't1',
      taskId: 't1',
      attempt: 1,
      attempts: 3,
    });
    expect(lines[1]).toMatchObject({ msg: 'job finished', outcome: 'completed', level: 30 });
    expect(lines[1].durationMs).toEqual(expect.any(Number));
    expect(observed).toEqual([['predictions', 'import-csv', 'completed', expect.any(Number)]]);
  });

  it('calls a failure retrying while attempts remain, failed after the last or when unrecoverable', () => {
    const { lines, log } = setUp();
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    log.start('predictions', job(0)).failed(cause, cause);
    log.start('predictions', job(2)).failed(cause, cause);
    log
      .start('predictions', job(0))
      .failed(new UnrecoverableError('bad row'), new Error('bad row'));
    const finished = lines.filter((l) => l.msg === 'job finished');
    expect(finished.map((l) => [l.attempt, l.outcome, l.errorKind])).toEqual([
      [1, 'retrying', 'transient'],
      [3, 'failed', 'transient'],
      [1, 'failed', 'unknown'],
    ]);
    expect(finished[0]).toMatchObject({ level: 40, error: 'connect ECONNREFUSED' });
  });
});
