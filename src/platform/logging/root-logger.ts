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
    destination ?? bufferedDestination(),
  );
}

/** Lines are written in blocks of about this many bytes… */
const LOG_BLOCK_BYTES = 4096;
/** …or after this long, whichever comes first. */
const LOG_FLUSH_MS = 250;

/**
 * File descriptor `fd` (standard output by default), written asynchronously in blocks: one write per line would cost
 * a system call per request, more than the rest of a hot route. What is buffered is flushed every `flushMs`, and by
 * pino when the process exits. The flush takes no callback: SonicBoom keeps a callback's listeners until the stream
 * next drains, which under steady load can be never (they piled up past Node's leak warning, and each ended in an
 * fsync of standard output).
 */
export function bufferedDestination(
  options: { fd?: number; flushMs?: number } = {},
): ReturnType<typeof pino.destination> {
  const stream = pino.destination({ fd: options.fd ?? 1, sync: false, minLength: LOG_BLOCK_BYTES });
  const flush = () => {
    try {
      stream.flush();
    } catch {
      // Closed or destroyed: nothing is left to write.
    }
  };
  const timer = setInterval(flush, options.flushMs ?? LOG_FLUSH_MS).unref();
  stream.once('close', () => clearInterval(timer));
  return stream;
}
