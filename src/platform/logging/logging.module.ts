import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config';
import { PinoNestLogger } from './pino-nest-logger';
import { createRootLogger } from './root-logger';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The process's pino logger and Nest's logger over it. */
@Global()
@Module({})
export class LoggingModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        {
          provide: ROOT_LOGGER,
          useFactory: () => createRootLogger({ level: config.log.level, role: config.role }),
        },
        {
          provide: PinoNestLogger,
          inject: [ROOT_LOGGER],
          useFactory: (root: Logger) => new PinoNestLogger(root),
        },
      ],
      exports: [ROOT_LOGGER, PinoNestLogger],
    };
  }
}
