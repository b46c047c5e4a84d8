import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ImageRejectedException, ToolDetector, type DetectionOutcome } from '../detection';
import { AnnotatedImages } from '../media/annotated-images';
import { DetectionCache, type CachedAnalysis, type DetectionCacheKey } from './detection-cache';
import type { ToolkitSnapshot } from './toolkit-snapshot';
import { verifyToolkit, type MatchedDetection } from './toolkit-verdict';

export interface ImageInput {
  filename: string;
  bytes: Buffer;
  /** Hex SHA-256 of `bytes` when already known (computed as the upload arrived). */
  sha256?: string;
}

/** One image checked against a toolkit. */
export interface ImageAnalysis extends CachedAnalysis {
  filename: string;
  /** Answered from the cache (same image, toolkit contents, threshold and model). */
  cached: boolean;
}

/** An image of a batch or ZIP that could not be analysed. */
export interface ImageFailure {
  filename: string;
  error: string;
}

export type ImageOutcome = ImageAnalysis | ImageFailure;

export const isFailure = (outcome: ImageOutcome): outcome is ImageFailure => 'error' in outcome;

/**
 * The toolkit check of one photo: cache lookup (process memory, then Redis while the photo is decoded), detection,
 * verdict against the toolkit's items, photo stored for the annotated image before the answer and its boxes after
 * it (drawn when its URL is first opened), result cached. A photo the detector refuses is a 4xx (`analyse`) or an
 * error entry (`analyseEach`).
 */
@Injectable()
export class ToolkitAnalysisService {
  constructor(
    private readonly detector: ToolDetector,
    private readonly cache: DetectionCache,
    private readonly images: AnnotatedImages,
  ) {}

  /** @throws ImageRejectedException (415, 413, 422) for bytes the detector does not accept as an image. */
  analyse(image: ImageInput, toolkit: ToolkitSnapshot, confidence: number): Promise<ImageAnalysis> {
    return this.check(image, toolkit, confidence);
  }

  /**
   * Each image in turn; one the detector refuses becomes `{filename, error}` and the others go on. Anything
   * else (the model not loaded, storage down) fails the whole request.
   */
  async analyseEach(
    images: AsyncIterable<ImageInput | ImageFailure> | Iterable<ImageInput | ImageFailure>,
    toolkit: ToolkitSnapshot,
    confidence: number,
  ): Promise<ImageOutcome[]> {
    const outcomes: ImageOutcome[] = [];
    for await (const image of images) {
      if ('error' in image) {
        outcomes.push(image);
        continue;
      }
      try {
        outcomes.push(await this.check(image, toolkit, confidence));
      } catch (error) {
        if (!(error instanceof ImageRejectedException)) throw error;
        outcomes.push({ filename: image.filename, error: error.message });
      }
    }
    return outcomes;
  }

  private async check(
    image: ImageInput,
    toolkit: ToolkitSnapshot,
    confidence: number,
  ): Promise<ImageAnalysis> {
    const key: DetectionCacheKey = {
      imageSha256: image.sha256 ?? createHash('sha256').update(image.bytes).digest('hex'),
      toolkit,
      confidence,
      modelVersion: this.detector.modelVersion(),
    };
    // A result from memory or Redis, or else what the detector found (which has its timings).
    const found = this.cache.fromMemory(key) ?? (await this.detectUnlessInRedis(image.bytes, key));
    if (!('timings' in found)) return { ...found, filename: image.filename, cached: true };

    const verdict = verifyToolkit(found.detections, toolkit.lines);
    const annotated = this.images.register({
      photoSha256: key.imageSha256,
      detections: found.detections,
      labels: verdict.detections.map((detection) => this.labelOf(detection, toolkit)),
    });
    const analysis: CachedAnalysis = {
      ...verdict,
      modelVersion: found.modelVersion,
      annotatedImage: annotated.name,
      inferenceMs: Math.round(found.timings.inferenceMs * 100) / 100,
    };
    const cacheKey = { ...key, modelVersion: found.modelVersion };
    // Not waited for (it never fails): this process answers a repeat from memory at once, and another process
    // asking before the Redis write lands only computes the same result again.
    const cached = this.cache.set(cacheKey, analysis);
    // A result whose boxes could not be stored (logged) names an image that never opens: it is not served again.
    void annotated.stored.then(async (stored) => {
      if (stored) return;
      await cached;
      await this.cache.delete(cacheKey);
    });
    return { ...analysis, filename: image.filename, cached: false };
  }

  /**
   * The Redis read and, at the same time, decoding and letterboxing of the photo. A Redis hit is the answer at once,
   * as when the read came first: the decoding goes on to the detector's gate and stops there (wasted work; the
   * model does not run). On a miss ONNX Runtime runs, and the photo is written to storage meanwhile (for its
   * annotated image); bytes the detector refuses as an image are not kept.
   */
  private async detectUnlessInRedis(
    photo: Buffer,
    key: DetectionCacheKey,
  ): Promise<CachedAnalysis | DetectionOutcome> {
    const inRedis = this.cache.fromRedis(key);
    const detecting = this.detector.detect(photo, {
      confidence: key.confidence,
      proceed: inRedis.then((hit) => hit === undefined),
    });
    // Observed at once: bytes refused before Redis answers are no unhandled rejection (nor an error on a hit).
    detecting.catch(() => undefined);
    const hit = await inRedis;
    if (hit) return hit;

    const [detected, kept] = await Promise.allSettled([
      detecting,
      this.images.keepPhoto(photo, key.imageSha256),
    ]);
    if (detected.status === 'rejected') {
      if (kept.status === 'fulfilled' && detected.reason instanceof ImageRejectedException)
        await this.images.forgetPhoto(key.imageSha256);
      throw detected.reason;
    }
    if (kept.status === 'rejected') throw kept.reason;
    // A miss opened the gate: the model ran.
    return detected.value as DetectionOutcome;
  }

  /** The label drawn over a box: the toolkit's tool name, or the class marked as not in the toolkit. */
  private labelOf(detection: MatchedDetection, toolkit: ToolkitSnapshot): string {
    const line = toolkit.lines.find((candidate) => candidate.toolId === detection.toolId);
    return line ? line.name : `${detection.class} (not in toolkit)`;
  }
}
