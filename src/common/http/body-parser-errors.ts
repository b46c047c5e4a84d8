import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** What body-parser attaches to its errors (http-errors). */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message: string;
}

/** The body errors every JSON route can give, worded once. */
export const malformedJson = (detail: string): HttpException =>
  new BadRequestException(`Malformed JSON in request body: ${detail}`);
export const bodyTooLarge = (limit: number | undefined): HttpException =>
  new PayloadTooLargeException(`Request body is larger than the limit of ${limit} bytes`);

export const nestedTooDeep = (max: number): HttpException =>
  new BadRequestException(`JSON request body is nested deeper than ${max} levels`);
export const nulCharacter = (path: string): HttpException =>
  new BadRequestException(`JSON request body holds a NUL character (\\u0000) in ${path}`);

const translate = (error: BodyParserError): HttpException | undefined => {
  switch (error.type) {
    case 'entity.parse.failed':
      return malformedJson(error.message);
    case 'entity.too.large':
      return bodyTooLarge(error.limit);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(
        `Unsupported request body encoding: ${error.message}`,
      );
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestException('Request body could not be read');
    default:
      return undefined;
  }
};

/** A body parser's error as the HttpException naming the problem; any other error unchanged. */
export const translateBodyParserError = (error: unknown): unknown =>
  (typeof error === 'object' && error !== null ? translate(error as BodyParserError) : undefined) ??
  error;

/**
 * Express error middleware placed right after the body parsers: turns their errors into HttpExceptions with a
 * message naming the problem, so the global filter answers them in the standard error shape.
 */
export function translateBodyParserErrors(
  error: unknown,
  _req: Request,
  _res: Response,
  next: NextFunction,
): void {
  next(translateBodyParserError(error));
}
