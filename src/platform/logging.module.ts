import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from '../common/http/request-id';
import type { AppConfig } from '../config';

/**
 * JSON logs with pino. Each request gets one compact completion line (method, url, status, time) and every line
 * logged while serving it carries `requestId`; headers and bodies are not serialised (cheap on hot routes).
 */
@Module({})
export class LoggingModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.log.level,
            base: { role: config.role },
            genReqId: requestIdOf,
            quietReqLogger: true,
            customAttributeKeys: { reqId: 'requestId' },
            autoLogging: config.log.httpRequests
              ? { ignore: (req) => req.url?.startsWith('/health/') ?? false }
              : false,
            serializers: {
              req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            customSuccessMessage: () => 'request completed',
            customErrorMessage: () => 'request failed',
          },
        }),
      ],
    };
  }
}
