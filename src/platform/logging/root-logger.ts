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
    // Asynchronous writes keep the request path free of a write syscall per line; pino flushes them on exit.
    destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
