import { HttpException } from '@nestjs/common';

/** An error whose body must be sent exactly as the replaced service sent it (legacy routes only). */
export class LegacyHttpException extends HttpException {
  constructor(
    readonly body: Record<string, unknown>,
    status: number,
  ) {
    super(body, status);
  }
}
