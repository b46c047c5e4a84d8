import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's start-up chatter, one line per controller and route (over a hundred): worth reading only when debugging. */
const ROUTE_MAPPING_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer']);

/**
 * Nest's LoggerService over pino. Nest calls `log(message, ...params, context)`; an object message is merged into
 * the line (`logger.warn({ path }, 'text')`), an Error becomes `err`, and the context names the source class.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    const routeMapping = typeof context === 'string' && ROUTE_MAPPING_CONTEXTS.has(context);
    this.write(routeMapping ? 'debug' : 'info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string'
        ? (rest.pop() as string)
        : undefined;
    if (message instanceof Error) {
      this.pino[level]({ err: message, context }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const text = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
      this.pino[level]({ ...(message as object), context }, text);
    } else {
      const stack =
        typeof rest[0] === 'string' && rest[0].includes('\n    at ') ? { stack: rest.shift() } : {};
      this.pino[level]({ context, ...stack }, String(message));
    }
  }
}
