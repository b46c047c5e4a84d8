export { ImageRejectedException } from './image-rejected.exception';
export { ToolDetectionModule } from './tool-detection.module';
export {
  TOOL_DETECTOR_MODEL,
  ToolDetector,
  type AnnotatedImage,
  type DetectedObject,
  type DetectionOutcome,
  type DetectionTimings,
  type DetectOptions,
  type GatedDetectOptions,
} from './tool-detector';
