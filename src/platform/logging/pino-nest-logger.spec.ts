import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PinoNestLogger } from './pino-nest-logger';
import { requestContext } from './request-context';
import { createRootLogger } from './root-logger';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
};

describe('PinoNestLogger', () => {
  it('writes Nest calls as pino lines with context, merged objects and errors', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(pino({ level: 'debug' }, stream));
    logger.log('started', 'Bootstrap');
    logger.warn({ path: '/x', status: 503 }, 'not ready', 'HttpError');
    logger.error(new Error('boom'), 'Worker');
    logger.verbose('hidden below debug', 'Noise');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'started', context: 'Bootstrap' });
    expect(lines[1]).toMatchObject({
      level: 40,
      msg: 'not ready',
      context: 'HttpError',
      path: '/x',
      status: 503,
    });
    expect(lines[2]).toMatchObject({
      level: 50,
      msg: 'boom',
      context: 'Worker',
      err: { message: 'boom' },
    });
    expect(lines).toHaveLength(3);
  });

  it('logs the route mappings Nest prints at start-up at debug, not info', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(pino({ level: 'info' }, stream));
    logger.log('UsersController {/api/v1/users}:', 'RoutesResolver');
    logger.log('Mapped {/api/v1/users, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((line) => line.msg)).toEqual(['Nest application successfully started']);

    const verbose = capture();
    new PinoNestLogger(pino({ level: 'debug' }, verbose.stream)).log('Mapped', 'RouterExplorer');
    expect(verbose.lines[0]).toMatchObject({ level: 20, msg: 'Mapped', context: 'RouterExplorer' });
  });

  it('adds the request id of the request being served to every line', () => {
    const { lines, stream } = capture();
    const root = createRootLogger({ level: 'info', role: 'api' }, stream);
    requestContext.run({ requestId: 'req-12345678' }, () => root.info('inside'));
    root.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-12345678', role: 'api' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});
