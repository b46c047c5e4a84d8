import {
  BadRequestException,
  Injectable,
  type PipeTransform,
  type ArgumentMetadata,
} from '@nestjs/common';
import { isUuid } from '@app/database';

/** Validates an `:id` path parameter as a UUID; a malformed id is a 400 naming the parameter. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) throw new BadRequestException(`${metadata.data ?? 'id'} must be a UUID`);
    return value.toLowerCase();
  }
}
