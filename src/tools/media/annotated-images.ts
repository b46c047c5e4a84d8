import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  StreamableFile,
} from '@nestjs/common';
import { ObjectStorage } from '../../storage/object-storage';
import { ObjectNotFoundError } from '../../storage/storage.errors';
import { ToolDetector, type DetectedObject } from '../detection';

/** Rendered annotated photos, `<uuid>.jpg`. */
const RENDERED = 'tools/annotated';
/** What to draw for a media name: `<uuid>.json` holding an {@link AnnotationRecipe}. */
const RECIPES = 'tools/annotations';
/** Uploaded photos by the SHA-256 of their bytes, stored once however often they are checked. */
const PHOTOS = 'tools/photos';

/** The only media names the server hands out: a random (v4) UUID and `.jpg`, lower case. */
export const MEDIA_NAME_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.jpg$/;

/** The photo and the boxes an annotated image is drawn from. */
export interface AnnotationRecipe {
  photoSha256: string;
  detections: DetectedObject[];
  /** The label over each box, by index (the toolkit's tool name, or the class marked as not in the toolkit). */
  labels: string[];
}

const recipeKey = (name: string): string => `${RECIPES}/${name.replace(/\.jpg$/, '.json')}`;

/**
 * Annotated photos in object storage under server-made names. A name is 122 random bits, so its URL is the
 * capability to see the photo (it can be opened in an `<img>` without an API key); nothing a client sends is
 * used as a key unless it has exactly this form.
 *
 * Drawing is off the detection request: `register` stores the photo and the boxes (both written whole before the
 * name is handed out, so the URL opens after any restart) and the JPEG is drawn on the first `open` of its name,
 * stored, and served from storage afterwards. Concurrent first opens in this process share one drawing; two
 * processes drawing the same name write the same bytes.
 */
@Injectable()
export class AnnotatedImages {
  private readonly logger = new Logger(AnnotatedImages.name);
  private readonly drawing = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly storage: ObjectStorage,
    private readonly detector: ToolDetector,
  ) {}

  /** A new media name for `photo` with these boxes; the image itself is drawn when first opened. */
  async register(photo: Buffer, recipe: AnnotationRecipe): Promise<string> {
    const name = `${randomUUID()}.jpg`;
    await Promise.all([
      this.storePhoto(recipe.photoSha256, photo),
      this.storage.put(recipeKey(name), Buffer.from(JSON.stringify(recipe)), {
        contentType: 'application/json',
      }),
    ]);
    return name;
  }

  /** The annotated photo as JPEG; 400 for a name the server cannot have made, 404 when it issued no such name. */
  async open(name: string): Promise<StreamableFile> {
    if (!MEDIA_NAME_PATTERN.test(name))
      throw new BadRequestException('Not a media name this server issues (<uuid>.jpg)');
    try {
      const stored = await this.storage.get(`${RENDERED}/${name}`);
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
    const recipe = JSON.parse(
      (await this.read(recipeKey(name), name)).toString(),
    ) as AnnotationRecipe;
    const photo = await this.read(`${PHOTOS}/${recipe.photoSha256}`, name);
    const annotated = await this.detector.annotate(photo, recipe.detections, recipe.labels);
    await this.storage.put(`${RENDERED}/${name}`, annotated.body, {
      contentType: annotated.contentType,
    });
    this.logger.debug(`Drew ${name} (${recipe.detections.length} boxes)`);
    return annotated.body;
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

  private async storePhoto(sha256: string, photo: Buffer): Promise<void> {
    const key = `${PHOTOS}/${sha256}`;
    if (await this.storage.head(key)) return;
    await this.storage.put(key, photo, { contentType: 'application/octet-stream' });
  }
}
