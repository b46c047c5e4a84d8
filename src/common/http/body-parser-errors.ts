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

const translate = (error: BodyParserError): HttpException | undefined => {
  switch (error.type) {
    case 'entity.parse.failed':
      return new BadRequestException(`Malformed JSON in request body: ${error.message}`);
    case 'entity.too.large':
      return new PayloadTooLargeException(
        `Request body is larger than the limit of ${error.limit} bytes`,
      );
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
  const translated =
    typeof error === 'object' && error !== null ? translate(error as BodyParserError) : undefined;
  next(translated ?? error);
}
