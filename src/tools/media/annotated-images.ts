import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  StreamableFile,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ObjectStorage } from '../../storage/object-storage';
import { ObjectNotFoundError } from '../../storage/storage.errors';
import { ToolDetector } from '../detection';
import {
  decodeAnnotationRecipe,
  encodeAnnotationRecipe,
  type AnnotationRecipe,
} from './annotation-recipe';
import { graceDelays } from './grace-delays';

/** Drawn annotated photos, `<uuid>.jpg`. */
const DRAWN = 'tools/annotated';
/** What to draw for a media name: `<uuid>.json`, an {@link AnnotationRecipe}. */
const RECIPES = 'tools/annotations';
/** Uploaded photos by the SHA-256 of their bytes. */
const PHOTOS = 'tools/photos';

/**
 * How long `open` keeps looking for the boxes of a name this process is not writing. Another replica hands the name
 * out a few milliseconds before its write of the boxes lands, and a client may open the URL through this one at
 * once; 2 s covers a slow store with a wide margin, and is what a GET of a name never issued waits before its 404.
 */
export const RECIPE_GRACE_MS = 2000;
/** The reads during the grace time: after 10 ms, 20 ms, 40 ms … (eight reads after the first one in 2 s). */
const RECIPE_READ_WAITS = graceDelays(RECIPE_GRACE_MS, 10);

/** The only media names the server hands out: a random (v4) UUID and `.jpg`, lower case. */
export const MEDIA_NAME_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/;

const recipeKey = (name: string): string => `${RECIPES}/${name.replace(/\.jpg$/, '.json')}`;
const photoKey = (sha256: string): string => `${PHOTOS}/${sha256}`;
const noSuchMedia = (name: string): NotFoundException =>
  new NotFoundException(`No media named ${name}`);

/** A name handed out by `register`, and the write of its boxes, which goes on after it. */
export interface RegisteredImage {
  name: string;
  /** True once the boxes are stored; false when the write failed (logged). Never rejects. */
  stored: Promise<boolean>;
}

/**
 * Annotated photos in object storage under server-made names. A name is 122 random bits, so its URL is the
 * capability to see the photo (it can be opened in an `<img>` without an API key); nothing a client sends is
 * used as a key unless it has exactly this form.
 *
 * Drawing is off the detection request. The photo is stored (`keepPhoto`, while the detector runs) before the name
 * is handed out; the boxes (`register`) are written after it, off the request: `open` in this process waits for
 * that write, and in another process looks for the boxes for up to {@link RECIPE_GRACE_MS}. Shutdown waits for
 * the writes in flight; a process that dies between an answer and its write landing (a few ms) leaves a URL that
 * never opens (404). Each object is written whole, so a stored name opens after any restart. The JPEG is drawn on
 * the first `open`, stored, and served from storage afterwards. Concurrent first opens in this process share one
 * drawing; two processes drawing the same name write the same bytes.
 */
@Injectable()
export class AnnotatedImages implements OnModuleDestroy {
  private readonly logger = new Logger(AnnotatedImages.name);
  private readonly drawing = new Map<string, Promise<Buffer>>();
  /** Writes of boxes in flight, by media name (see RegisteredImage.stored). */
  private readonly writing = new Map<string, Promise<boolean>>();

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

  /**
   * A new media name for a kept photo with these boxes, at once; the boxes are written after (the image itself is
   * drawn when first opened).
   */
  register(recipe: AnnotationRecipe): RegisteredImage {
    const name = `${randomUUID()}.jpg`;
    const stored = this.writeRecipe(name, encodeAnnotationRecipe(recipe)).finally(() =>
      this.writing.delete(name),
    );
    this.writing.set(name, stored);
    return { name, stored };
  }

  /**
   * The annotated photo as JPEG; 400 for a name the server cannot have made, 404 when no boxes are stored under it
   * (after this process's write of them, or the grace time for another's).
   */
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

  /** Waits for the writes of boxes in flight (also those registered meanwhile), before storage closes. */
  async onModuleDestroy(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing.values());
  }

  /** The API URL of a media name, relative to the server. */
  static urlOf(name: string): string {
    return `/api/v1/media/${name}`;
  }

  /** Never rejects: a failure is logged and resolves false. */
  private async writeRecipe(name: string, recipe: Buffer): Promise<boolean> {
    try {
      await this.storage.put(recipeKey(name), recipe, { contentType: 'application/json' });
      return true;
    } catch (error) {
      this.logger.error(
        { err: error, media: name },
        `boxes of ${name} not stored: its URL will not open`,
      );
      return false;
    }
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
    const recipe = decodeAnnotationRecipe(await this.recipeOf(name));
    const photo = await this.read(photoKey(recipe.photoSha256), name);
    const drawn = await this.detector.annotate(photo, recipe.detections, recipe.labels);
    await this.storage.put(`${DRAWN}/${name}`, drawn.body, { contentType: drawn.contentType });
    return drawn.body;
  }

  /**
   * The stored boxes of a name: once this process's write of them is over, or else (written by another process,
   * maybe still in flight) read again after each of RECIPE_READ_WAITS until they are there.
   */
  private async recipeOf(name: string): Promise<Buffer> {
    const written = this.writing.get(name);
    if (written && !(await written)) throw noSuchMedia(name);
    const waits = written ? [] : RECIPE_READ_WAITS;
    for (let attempt = 0; ; attempt++) {
      const recipe = await this.readIfStored(recipeKey(name));
      if (recipe) return recipe;
      if (attempt === waits.length) throw noSuchMedia(name);
      await sleep(waits[attempt]);
    }
  }

  private async read(key: string, name: string): Promise<Buffer> {
    const bytes = await this.readIfStored(key);
    if (!bytes) throw noSuchMedia(name);
    return bytes;
  }

  private async readIfStored(key: string): Promise<Buffer | undefined> {
    try {
      return await buffer((await this.storage.get(key)).body);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    }
  }
}
