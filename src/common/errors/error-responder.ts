import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { isDatabaseUnavailable } from './database-unavailable';
import type { ErrorResponseDto } from './error-response.dto';
import { LegacyHttpException } from './legacy-http.exception';
import { RequestValidationException } from './validation.exception';

const logger = new Logger('HttpError');

const shape = (
  statusCode: number,
  message: string,
  requestId: string,
  details?: ErrorResponseDto['details'],
): ErrorResponseDto => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Error',
  message,
  ...(details !== undefined ? { details } : {}),
  requestId,
});

/** The standard error body for any failure; nothing internal (stack, SQL) leaves the server. */
export function errorBodyOf(exception: unknown, requestId: string): ErrorResponseDto {
  if (exception instanceof RequestValidationException)
    return shape(400, exception.message, requestId, exception.details);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const raw = exception.getResponse();
    if (typeof raw === 'string') return shape(status, raw, requestId);
    const { message, details } = raw as {
      message?: unknown;
      details?: ErrorResponseDto['details'];
    };
    const text = Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string'
        ? message
        : exception.message;
    return shape(status, text, requestId, details);
  }
  if (exception instanceof NotFoundError)
    return shape(HttpStatus.NOT_FOUND, 'Resource not found', requestId);
  if (exception instanceof UniqueConstraintViolationException) {
    return shape(
      HttpStatus.CONFLICT,
      'A record with the same unique value already exists',
      requestId,
    );
  }
  if (isDatabaseUnavailable(exception)) {
    return shape(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The database is unavailable; try again shortly',
      requestId,
    );
  }
  return shape(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', requestId);
}

/** What the error responder reads of a request: Node's own, with Express's extras when it went through Express. */
export type HttpRequest = IncomingMessage & { id?: string; originalUrl?: string };

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
};

/**
 * Answers a failed request: legacy errors with their exact old body, everything else in the standard shape.
 * Server errors are logged (unexpected ones with their cause). Used by the global filter and by lean routes.
 */
export function sendError(
  exception: unknown,
  request: HttpRequest,
  response: ServerResponse,
): void {
  if (response.headersSent) return;
  if (exception instanceof LegacyHttpException) {
    sendJson(response, exception.getStatus(), exception.body);
    return;
  }
  const body = errorBodyOf(exception, String(request.id ?? ''));
  const path = request.originalUrl ?? request.url;
  if (body.statusCode >= 500 && exception instanceof HttpException) {
    logger.warn({ path, status: body.statusCode }, body.message);
  } else if (body.statusCode === 503) {
    // An outage fails every request: one line each, without the stack.
    logger.warn({ path, status: 503, cause: (exception as Error).message }, body.message);
  } else if (body.statusCode >= 500) {
    logger.error({ err: exception, path }, 'request failed');
  }
  sendJson(response, body.statusCode, body);
}
