import { Module } from '@nestjs/common';
import { ToolClassThresholds } from './tool-class-thresholds';
import { ToolDetector } from './tool-detector';

/**
 * The tool detector provider. Needs the global AppConfig and ModelRegistry (ModelsModule loads the
 * `tool-detector` model from models/manifest.json).
 */
@Module({
  providers: [ToolClassThresholds, ToolDetector],
  exports: [ToolDetector],
})
export class ToolDetectionModule {}
