import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable } from '@nestjs/common';
import { ObjectStorage, type StoredObject } from '../../storage/object-storage';

const AREA = 'tools/annotated';
/** The only media names the server hands out: a random (v4) UUID and `.jpg`, lower case. */
export const MEDIA_NAME_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/;

/**
 * Annotated photos in object storage under server-made names. A name is 122 random bits, so its URL is the
 * capability to see the photo (it can be opened in an `<img>` without an API key); nothing a client sends is
 * used as a key unless it has exactly this form.
 */
@Injectable()
export class AnnotatedImages {
  constructor(private readonly storage: ObjectStorage) {}

  async save(body: Buffer, contentType: string): Promise<string> {
    const name = `${randomUUID()}.jpg`;
    await this.storage.put(`${AREA}/${name}`, body, { contentType });
    return name;
  }

  /** The stored photo; 400 for a name the server cannot have made, 404 when there is none. */
  open(name: string): Promise<StoredObject> {
    if (!MEDIA_NAME_PATTERN.test(name))
      throw new BadRequestException('Not a media name this server issues (<uuid>.jpg)');
    return this.storage.get(`${AREA}/${name}`);
  }

  /** The API URL of a media name, relative to the server. */
  static urlOf(name: string): string {
    return `/api/v1/media/${name}`;
  }
}
