import { Logger } from '@nestjs/common';

/**
 * Logs a promise rejection nobody handled (as a JSON line, through the application's logger) instead of letting
 * Node end the process: a worker must outlive a bug in one listener, since every job it runs would otherwise
 * stay open until another worker or the reconciler picks it up.
 */
export function logUnhandledRejections(): void {
  const logger = new Logger('Process');
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection (the process keeps running)');
  });
}
