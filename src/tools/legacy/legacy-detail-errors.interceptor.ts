import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { LegacyHttpException } from '../../common/errors/legacy-http.exception';

/**
 * The old tool service answered every error as `{"detail": "..."}`: errors of its routes' uploads, validation
 * and services are sent that way here, with the same status. (A missing or bad API key is answered by the
 * global guard, before this runs, in the platform's shape.)
 */
@Injectable()
export class LegacyDetailErrors implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof HttpException && !(error instanceof LegacyHttpException))
          throw new LegacyHttpException({ detail: error.message }, error.getStatus());
        throw error;
      }),
    );
  }
}
