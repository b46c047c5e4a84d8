import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ErrorResponseDto } from './error-response.dto';
import { LegacyHttpException } from './legacy-http.exception';
import { RequestValidationException } from './validation.exception';

/** Turns every failure into `{statusCode, error, message, details?, requestId}`; nothing internal leaks. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? '');
    if (response.headersSent) return;

    if (exception instanceof LegacyHttpException) {
      response.status(exception.getStatus()).json(exception.body);
      return;
    }
    const body = this.toBody(exception, requestId);
    if (body.statusCode >= 500 && exception instanceof HttpException) {
      this.logger.warn(
        { requestId, path: request.originalUrl, status: body.statusCode },
        body.message,
      );
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, path: request.originalUrl }, 'request failed');
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorResponseDto {
    const shape = (
      statusCode: number,
      message: string,
      details?: ErrorResponseDto['details'],
    ): ErrorResponseDto => ({
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(details !== undefined ? { details } : {}),
      requestId,
    });

    if (exception instanceof RequestValidationException)
      return shape(400, exception.message, exception.details);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'string') return shape(status, raw);
      const { message, details } = raw as {
        message?: unknown;
        details?: ErrorResponseDto['details'];
      };
      const text = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
      return shape(status, text, details);
    }
    if (exception instanceof NotFoundError)
      return shape(HttpStatus.NOT_FOUND, 'Resource not found');
    if (exception instanceof UniqueConstraintViolationException) {
      return shape(HttpStatus.CONFLICT, 'A record with the same unique value already exists');
    }
    return shape(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
