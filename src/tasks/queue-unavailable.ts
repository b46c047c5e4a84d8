import { ServiceUnavailableException } from '@nestjs/common';

/** Redis did not take or answer a queue command in time: the client should try again later (503). */
export class QueueUnavailableException extends ServiceUnavailableException {
  constructor() {
    super('queue unavailable, try again');
  }
}
