import { BadRequestException, NotFoundException } from '@nestjs/common';

/** A key (or prefix) that could escape its place in the store: traversal, absolute path, NUL, odd characters. */
export class InvalidObjectKeyError extends BadRequestException {
  constructor(key: string, reason: string) {
    super(`Invalid object key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
  }
}

export class ObjectNotFoundError extends NotFoundException {
  constructor(readonly key: string) {
    super(`Object ${key} does not exist`);
  }
}
