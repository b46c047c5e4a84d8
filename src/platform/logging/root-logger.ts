import pino, { type DestinationStream, type Logger } from 'pino';
import { requestContext } from './request-context';

export interface RootLoggerOptions {
  level: string;
  role: string;
}

/** The process's pino logger: JSON lines, the process role, and the current request id on every line. */
export function createRootLogger(
  options: RootLoggerOptions,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      base: { role: options.role },
      mixin: () => {
        const store = requestContext.getStore();
        return store ? { requestId: store.requestId } : {};
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination ?? bufferedStdout(),
  );
}

/** Lines are written in blocks of about this many bytes… */
const LOG_BLOCK_BYTES = 4096;
/** …or after this long, whichever comes first. */
const LOG_FLUSH_MS = 250;

/**
 * Standard output, written asynchronously in blocks: one write per line would cost a system call per request, more
 * than the rest of a hot route. pino flushes what is left when the process exits.
 */
function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ fd: 1, sync: false, minLength: LOG_BLOCK_BYTES });
  // With a callback, flush reports a closed stream instead of throwing.
  const timer = setInterval(() => stream.flush(() => undefined), LOG_FLUSH_MS).unref();
  stream.once('close', () => clearInterval(timer));
  return stream;
}
