import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { BadRequestException, Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { ObjectStorage } from '../../storage/object-storage';
import { ObjectNotFoundError } from '../../storage/storage.errors';
import { ToolDetector } from '../detection';
import {
  decodeAnnotationSource,
  encodeAnnotationSource,
  type AnnotationSource,
} from './annotation-source';

/** Drawn annotated photos, `<uuid>.jpg`. */
const DRAWN = 'tools/annotated';
/** What to draw for a media name: `<uuid>.bin`, the photo and its boxes (see annotation-source.ts). */
const SOURCES = 'tools/annotation-sources';

/** The only media names the server hands out: a random (v4) UUID and `.jpg`, lower case. */
export const MEDIA_NAME_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/;

const sourceKey = (name: string): string => `${SOURCES}/${name.replace(/\.jpg$/, '.bin')}`;

/**
 * Annotated photos in object storage under server-made names. A name is 122 random bits, so its URL is the
 * capability to see the photo (it can be opened in an `<img>` without an API key); nothing a client sends is
 * used as a key unless it has exactly this form.
 *
 * Drawing is off the detection request: `register` stores the photo and the boxes as one object (written whole
 * before the name is handed out, so the URL opens after any restart) and the JPEG is drawn on the first `open`,
 * stored, and served from storage afterwards. Concurrent first opens in this process share one drawing; two
 * processes drawing the same name write the same bytes.
 */
@Injectable()
export class AnnotatedImages {
  private readonly drawing = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly storage: ObjectStorage,
    private readonly detector: ToolDetector,
  ) {}

  /** A new media name for this photo with these boxes; the image itself is drawn when first opened. */
  async register(source: AnnotationSource): Promise<string> {
    const name = `${randomUUID()}.jpg`;
    await this.storage.put(sourceKey(name), encodeAnnotationSource(source), {
      contentType: 'application/octet-stream',
    });
    return name;
  }

  /** The annotated photo as JPEG; 400 for a name the server cannot have made, 404 when it issued no such name. */
  async open(name: string): Promise<StreamableFile> {
    if (!MEDIA_NAME_PATTERN.test(name))
      throw new BadRequestException('Not a media name this server issues (<uuid>.jpg)');
    try {
      const stored = await this.storage.get(`${DRAWN}/${name}`);
      return new StreamableFile(stored.body, {
        type: stored.metadata.contentType,
        length: stored.metadata.size,
      });
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
    }
    const body = await this.drawOnce(name);
    return new StreamableFile(body, { type: 'image/jpeg', length: body.length });
  }

  /** The API URL of a media name, relative to the server. */
  static urlOf(name: string): string {
    return `/api/v1/media/${name}`;
  }

  private drawOnce(name: string): Promise<Buffer> {
    let pending = this.drawing.get(name);
    if (!pending) {
      pending = this.draw(name).finally(() => this.drawing.delete(name));
      this.drawing.set(name, pending);
    }
    return pending;
  }

  private async draw(name: string): Promise<Buffer> {
    let stored: Buffer;
    try {
      stored = await buffer((await this.storage.get(sourceKey(name))).body);
    } catch (error) {
      if (error instanceof ObjectNotFoundError)
        throw new NotFoundException(`No media named ${name}`);
      throw error;
    }
    const source = decodeAnnotationSource(stored);
    const drawn = await this.detector.annotate(source.photo, source.detections, source.labels);
    await this.storage.put(`${DRAWN}/${name}`, drawn.body, { contentType: drawn.contentType });
    return drawn.body;
  }
}
