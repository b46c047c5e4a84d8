import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, StreamableFile } from '@nestjs/common';
import { ObjectStorage } from '../../storage/object-storage';

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

  /** The stored photo with its content type; 400 for a name the server cannot have made, 404 when there is none. */
  async open(name: string): Promise<StreamableFile> {
    if (!MEDIA_NAME_PATTERN.test(name))
      throw new BadRequestException('Not a media name this server issues (<uuid>.jpg)');
    const stored = await this.storage.get(`${AREA}/${name}`);
    return new StreamableFile(stored.body, {
      type: stored.metadata.contentType,
      length: stored.metadata.size,
    });
  }

  /** The API URL of a media name, relative to the server. */
  static urlOf(name: string): string {
    return `/api/v1/media/${name}`;
  }
}
