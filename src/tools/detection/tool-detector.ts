import { Injectable } from '@nestjs/common';
import { decodeImage } from '@app/inference';
import sharp from 'sharp';
import { AppConfig } from '../../config';

// PLACEHOLDER until the tools-detector branch is merged: it replaces this file with the real detector.

export interface ToolDetection {
  className: string;
  classIndex: number;
  confidence: number;
  box: [number, number, number, number];
}

export interface ToolDetectionResult {
  detections: ToolDetection[];
  width: number;
  height: number;
  modelVersion: string;
  timings: { decodeMs: number; inferenceMs: number; totalMs: number };
}

@Injectable()
export class ToolDetector {
  constructor(private readonly config: AppConfig) {}

  async detect(image: Buffer, _options: { confidence: number }): Promise<ToolDetectionResult> {
    const decoded = await decodeImage(image, {
      maxBytes: this.config.tools.maxImageBytes,
      maxPixels: this.config.tools.maxImagePixels,
    });
    return {
      detections: [],
      width: decoded.width,
      height: decoded.height,
      modelVersion: this.modelVersion(),
      timings: { decodeMs: 0, inferenceMs: 0, totalMs: 0 },
    };
  }

  async annotate(
    image: Buffer,
    _detections: readonly ToolDetection[],
    _labels: readonly string[],
  ): Promise<{ body: Buffer; contentType: string }> {
    return { body: await sharp(image).jpeg().toBuffer(), contentType: 'image/jpeg' };
  }

  modelVersion(): string {
    return 'placeholder';
  }

  classNames(): string[] {
    return [];
  }
}
