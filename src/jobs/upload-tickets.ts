import { Injectable } from '@nestjs/common';
import { ObjectKeys } from '../storage/object-keys';
import { ObjectStorage } from '../storage/object-storage';
import {
  MAX_INPUT_BYTES,
  type UploadTicketDto,
  type UploadTicketRequestDto,
} from './dto/upload-ticket.dto';

/** Where a user's input files go: `uploads/<user id>/...`, so ownership of an object is visible in its key. */
export const uploadAreaOf = (userId: string): string => `uploads/${userId}`;

/** Presigned uploads of job inputs: image types only, bound to one object, its type and a size limit. */
@Injectable()
export class UploadTickets {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly keys: ObjectKeys,
  ) {}

  async issue(userId: string, request: UploadTicketRequestDto): Promise<UploadTicketDto> {
    const objectName = this.keys.generate(uploadAreaOf(userId), request.filename);
    const url = await this.storage.presignPut(objectName, {
      contentType: request.content_type,
      maxBytes: MAX_INPUT_BYTES,
      contentLength: request.content_length,
    });
    return {
      upload_url: url.url,
      headers: url.headers,
      object_name: objectName,
      expires_in: url.expiresInSeconds,
      max_bytes: MAX_INPUT_BYTES,
    };
  }
}
