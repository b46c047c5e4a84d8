import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { BadRequestException, Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import { ObjectStorage } from '../../storage/object-storage';
import { ObjectNotFoundError } from '../../storage/storage.errors';
import { ToolDetector } from '../detection';
import {
  decodeAnnotationRecipe,
  encodeAnnotationRecipe,
  type AnnotationRecipe,
} from './annotation-recipe';

/** Drawn annotated photos, `<uuid>.jpg`. */
const DRAWN = 'tools/annotated';
/** What to draw for a media name: `<uuid>.json`, an {@link AnnotationRecipe}. */
const RECIPES = 'tools/annotations';
/** Uploaded photos by the SHA-256 of their bytes. */
const PHOTOS = 'tools/photos';

/** The only media names the server hands out: a random (v4) UUID and `.jpg`, lower case. */
export const MEDIA_NAME_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/;

const recipeKey = (name: string): string => `${RECIPES}/${name.replace(/\.jpg$/, '.json')}`;
const photoKey = (sha256: string): string => `${PHOTOS}/${sha256}`;

/**
 * Annotated photos in object storage under server-made names. A name is 122 random bits, so its URL is the
 * capability to see the photo (it can be opened in an `<img>` without an API key); nothing a client sends is
 * used as a key unless it has exactly this form.
 *
 * Drawing is off the detection request. The photo is stored (`keepPhoto`, while the detector runs) and then the
 * boxes (`register`), each written whole, before the name is handed out, so the URL opens after any restart; the
 * JPEG is drawn on the first `open`, stored, and served from storage afterwards. Concurrent first opens in this process share one drawing; two
 * processes drawing the same name write the same bytes.
 */
@Injectable()
export class AnnotatedImages {
  private readonly drawing = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly storage: ObjectStorage,
    private readonly detector: ToolDetector,
  ) {}

  /** Stores an uploaded photo under the SHA-256 of its bytes (the same bytes are the same object). */
  async keepPhoto(photo: Buffer, sha256: string): Promise<void> {
    await this.storage.put(photoKey(sha256), photo, { contentType: 'application/octet-stream' });
  }

  /** Removes a kept photo that turned out not to be an image (no recipe can refer to such bytes). */
  async forgetPhoto(sha256: string): Promise<void> {
    await this.storage.delete(photoKey(sha256));
  }

  /** A new media name for a kept photo with these boxes; the image itself is drawn when first opened. */
  async register(recipe: AnnotationRecipe): Promise<string> {
    const name = `${randomUUID()}.jpg`;
    await this.storage.put(recipeKey(name), encodeAnnotationRecipe(recipe), {
      contentType: 'application/json',
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
    const recipe = decodeAnnotationRecipe(await this.read(recipeKey(name), name));
    const photo = await this.read(photoKey(recipe.photoSha256), name);
    const drawn = await this.detector.annotate(photo, recipe.detections, recipe.labels);
    await this.storage.put(`${DRAWN}/${name}`, drawn.body, { contentType: drawn.contentType });
    return drawn.body;
  }

  private async read(key: string, name: string): Promise<Buffer> {
    try {
      return await buffer((await this.storage.get(key)).body);
    } catch (error) {
      if (error instanceof ObjectNotFoundError)
        throw new NotFoundException(`No media named ${name}`);
      throw error;
    }
  }
}
