import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorBodyOf, sendError } from '../../common/errors/error-responder';
import { LegacyHttpException } from '../../common/errors/legacy-http.exception';
import { RequestValidationException } from '../../common/errors/validation.exception';

const logger = new Logger('LegacyRealty');

/** One problem in FastAPI's 422 shape: where (`["body", "dados", 3, "preco"]`), what, and its kind. */
export interface LegacyFieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

const locOf = (root: string, dotted: string): (string | number)[] => [
  root,
  ...dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
];

/** Any failure of a legacy realty route in the old service's shape: `{"detail": ...}`. */
export function legacyErrorOf(exception: unknown, method: string): LegacyHttpException {
  if (exception instanceof LegacyHttpException) return exception;
  const root = method === 'GET' ? 'query' : 'body';
  if (exception instanceof RequestValidationException)
    return new LegacyHttpException(
      {
        detail: exception.details.flatMap((d) =>
          d.messages.map((msg): LegacyFieldError => ({
            loc: locOf(root, d.field),
            msg,
            type: 'value_error',
          })),
        ),
      },
      422,
    );
  const body = errorBodyOf(exception, '');
  if (Array.isArray(body.details) && body.details.length > 0)
    return new LegacyHttpException(
      {
        detail: body.details.flatMap((d) =>
          d.messages.map((msg): LegacyFieldError => ({
            loc: locOf(root, d.field.replace(/^rows\./, 'dados.')),
            msg,
            type: 'value_error',
          })),
        ),
      },
      body.statusCode,
    );
  if (body.statusCode === 500) logger.error({ err: exception }, 'legacy request failed');
  return new LegacyHttpException({ detail: body.message }, body.statusCode);
}

/** Used with @UseFilters on the legacy realty controller: its errors keep the FastAPI shape. */
@Catch()
export class LegacyDetailFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    sendError(legacyErrorOf(exception, request.method), request, http.getResponse<Response>());
  }
}
