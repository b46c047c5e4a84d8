import {
  DEFAULT_IMAGE_LIMITS,
  Float32BufferPool,
  InvalidImageError,
  ModelRegistry,
  Tensor,
  UnknownModelError,
  decodeImage,
  decodeLetterboxed,
  detectionsFromYoloOutput,
  drawDetections,
  parseYoloClassNames,
  yoloInputSize,
  type ImageLimits,
  type LoadedModel,
} from '@app/inference';
import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { AppConfig } from '../../config';
import { ToolClassThresholds } from './tool-class-thresholds';
import { ImageRejectedException } from './image-rejected.exception';

/** Registry name of the tool detector; versions come from models/manifest.json or the admin route. */
export const TOOL_DETECTOR_MODEL = 'tool-detector';

export interface DetectedObject {
  className: string;
  classIndex: number;
  confidence: number;
  /** x1, y1, x2, y2 in original image pixels. */
  box: [number, number, number, number];
}

export interface DetectionTimings {
  decodeLetterboxMs: number;
  inferenceMs: number;
  postprocessMs: number;
}

export interface DetectionOutcome {
  detections: DetectedObject[];
  /** Size of the upright (EXIF-oriented) image the boxes refer to. */
  width: number;
  height: number;
  modelVersion: string;
  timings: DetectionTimings;
}

export interface DetectOptions {
  /** The request's confidence (0..1), a floor under every class threshold. */
  confidence: number;
}

export interface GatedDetectOptions extends DetectOptions {
  /**
   * Awaited once the image is decoded and letterboxed, before the model runs: false stops there (the detection
   * resolves undefined), so that other work, such as a cache read, can go on while the photo is decoded. A
   * rejection rejects the detection. Bytes that are not an image are refused before it is awaited.
   */
  proceed: PromiseLike<boolean>;
}

export interface AnnotatedImage {
  body: Buffer;
  contentType: 'image/jpeg';
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * The tool detector as the tools module sees it: image bytes in, tools found out. Any standard
 * Ultralytics YOLOv8/YOLO11 ONNX export can be the registry model `tool-detector`: class names come from
 * its `names` metadata, its input size from its input shape. Pipeline: decode by content (pixel limit
 * from config) and Ultralytics letterbox in one libvips pipeline → one registry run → decode, per-class
 * thresholds, class-wise NMS → boxes mapped back to the image.
 */
@Injectable()
export class ToolDetector {
  private readonly logger = new Logger(ToolDetector.name);
  private readonly limits: ImageLimits;
  private readonly fallbackClassNames: readonly string[];
  /** Input tensors, reused from one detection to the next (see Float32BufferPool). */
  private readonly inputBuffers = new Float32BufferPool();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly thresholds: ToolClassThresholds,
    config: AppConfig,
  ) {
    this.limits = { ...DEFAULT_IMAGE_LIMITS, maxPixels: config.toolDetector.maxPixels };
    this.fallbackClassNames = config.toolDetector.classNames;
  }

  /**
   * Finds the tools in one image.
   *
   * With `proceed` (see GatedDetectOptions), undefined when it said no.
   *
   * @throws ImageRejectedException (415/413/422) when the bytes are not an image it accepts.
   * @throws ServiceUnavailableException when no version of the detector is loaded.
   */
  detect(image: Buffer, options: GatedDetectOptions): Promise<DetectionOutcome | undefined>;
  detect(image: Buffer, options: DetectOptions): Promise<DetectionOutcome>;
  async detect(
    image: Buffer,
    options: DetectOptions & Partial<GatedDetectOptions>,
  ): Promise<DetectionOutcome | undefined> {
    // Observed from now on: a gate that rejects while the image is decoded (or refused) is no unhandled rejection.
    const proceed = options.proceed && Promise.resolve(options.proceed);
    proceed?.catch(() => undefined);
    const version = this.modelVersion();
    const model = this.registry.get(TOOL_DETECTOR_MODEL, version);
    const ran = await this.letterboxAndRun(image, model, version, proceed);
    if (!ran) return undefined;
    const { decoded, outputs, decodeLetterboxMs, inferenceMs } = ran;
    const postprocessStarted = performance.now();
    const output = outputs[model.outputNames[0]];
    const classNames = this.classNamesOf(model);
    assertYoloOutput(output.dims, classNames.length, version);
    const found = detectionsFromYoloOutput(
      output.data as Float32Array,
      output.dims,
      decoded.letterboxed.letterbox,
      {
        confidence: options.confidence,
        classThresholds: this.thresholds.forClasses(classNames),
        classNames,
      },
    );
    const detections = found.map((detection): DetectedObject => ({
      className: detection.className,
      classIndex: detection.classIndex,
      confidence: Math.round(detection.score * 10_000) / 10_000,
      box: [
        round2(detection.box.x1),
        round2(detection.box.y1),
        round2(detection.box.x2),
        round2(detection.box.y2),
      ],
    }));
    return {
      detections,
      width: decoded.width,
      height: decoded.height,
      modelVersion: version,
      timings: {
        decodeLetterboxMs,
        inferenceMs,
        postprocessMs: performance.now() - postprocessStarted,
      },
    };
  }

  /**
   * The image with a labelled box per detection, as JPEG. `labels[i]` replaces the class name in the
   * label of `detections[i]` (e.g. the toolkit's tool name); the score is always shown.
   */
  async annotate(
    image: Buffer,
    detections: readonly DetectedObject[],
    labels?: readonly string[],
  ): Promise<AnnotatedImage> {
    const decoded = await this.validated(() => decodeImage(image, this.limits));
    const drawable = detections.map((detection, index) => ({
      classIndex: detection.classIndex,
      className: labels?.[index] ?? detection.className,
      score: detection.confidence,
      box: {
        x1: detection.box[0],
        y1: detection.box[1],
        x2: detection.box[2],
        y2: detection.box[3],
      },
    }));
    const body = await drawDetections(decoded, drawable, { format: 'jpeg', quality: 85 });
    return { body, contentType: 'image/jpeg' };
  }

  /** The active version of the detector; 503 when none is loaded. */
  modelVersion(): string {
    const version = this.registry.activeVersion(TOOL_DETECTOR_MODEL);
    if (version === null) {
      throw new ServiceUnavailableException('The tool detector model is not loaded');
    }
    return version;
  }

  /** Class names of the active version, by class index. */
  classNames(): string[] {
    return this.classNamesOf(this.registry.get(TOOL_DETECTOR_MODEL, this.modelVersion()));
  }

  private classNamesOf(model: LoadedModel): string[] {
    const names = parseYoloClassNames(model.metadataProps.names);
    if (names) return names;
    const classes = Number(model.outputs[0]?.shape[1]) - 4;
    const count = Number.isInteger(classes) && classes > 0 ? classes : 0;
    return Array.from({ length: count }, (_, i) => this.fallbackClassNames[i] ?? `class${i}`);
  }

  /**
   * Decode + letterbox into an input tensor from the pool, then (unless `proceed` says no: undefined) one registry
   * run. The tensor goes back to the pool whatever happened: `decoded.letterboxed.data` must not be read after this
   * returns.
   */
  private async letterboxAndRun(
    image: Buffer,
    model: LoadedModel,
    version: string,
    proceed?: PromiseLike<boolean>,
  ) {
    const input = model.inputs[0];
    const size = yoloInputSize(input, model.metadataProps);
    const buffer = this.inputBuffers.acquire(3 * size.width * size.height, model.ownThread);
    try {
      const started = performance.now();
      const decoded = await this.validated(() =>
        decodeLetterboxed(image, size, this.limits, buffer),
      );
      const decodeLetterboxMs = performance.now() - started;
      if (proceed && !(await proceed)) return undefined;
      const runStarted = performance.now();
      const { data, dims } = decoded.letterboxed;
      const outputs = await this.run(
        { [input.name]: new Tensor('float32', data, [...dims]) },
        version,
      );
      return {
        decoded,
        outputs,
        decodeLetterboxMs,
        inferenceMs: performance.now() - runStarted,
      };
    } finally {
      this.inputBuffers.release(buffer);
    }
  }

  /** Decoding by content: an image it refuses is an ImageRejectedException. */
  private async validated<T>(decode: () => Promise<T>): Promise<T> {
    try {
      return await decode();
    } catch (error) {
      if (error instanceof InvalidImageError) throw new ImageRejectedException(error);
      throw error;
    }
  }

  private async run(feeds: Record<string, Tensor>, version: string) {
    try {
      return await this.registry.run(TOOL_DETECTOR_MODEL, feeds, { version });
    } catch (error) {
      if (error instanceof UnknownModelError) {
        this.logger.warn(`tool detector ${version} was unloaded during a request`);
        throw new ServiceUnavailableException('The tool detector model is not loaded');
      }
      throw error;
    }
  }
}

/** A detection export without NMS: `[1, 4 + classes, anchors]` (not an end-to-end `[1, 300, 6]` head). */
function assertYoloOutput(dims: readonly number[], classes: number, version: string): void {
  if (dims.length !== 3 || dims[0] !== 1 || dims[1] !== 4 + classes) {
    throw new Error(
      `tool-detector ${version} output is [${dims.join(', ')}], not [1, 4 + ${classes} classes, anchors]: ` +
        'export it with Ultralytics format=onnx and nms=False',
    );
  }
}
