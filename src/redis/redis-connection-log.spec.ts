import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RedisConnectionLog } from './redis-connection-log';

const refused = (): NodeJS.ErrnoException =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('RedisConnectionLog', () => {
  it('logs one JSON line when the connection is lost and one when it is back, not one per attempt', () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const log = new RedisConnectionLog('Worker tasks', pino({ level: 'info' }, stream));
    log.onReady();
    for (let attempt = 0; attempt < 50; attempt++) log.onError(refused());
    log.onReady();
    log.onReady();
    log.onError(refused());
    log.onError(new Error('ERR unknown command'));
    expect(lines.map((line) => [line.level, line.msg, line.redis])).toEqual([
      [40, 'Redis connection lost; reconnecting', 'Worker tasks'],
      [30, 'Redis connection restored', 'Worker tasks'],
      [40, 'Redis connection lost; reconnecting', 'Worker tasks'],
      [50, 'Redis error', 'Worker tasks'],
    ]);
    expect(lines[0]).toMatchObject({ code: 'ECONNREFUSED' });
  });
});
