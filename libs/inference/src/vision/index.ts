export { boxArea, intersectionOverUnion, type Box, type Size } from './box';
export { mapBoxToSource } from './box-mapping';
export { writeChwTensor } from './chw-tensor';
export { classColour, textColourOn, toHex, type Rgb } from './class-palette';
export { ClassThresholds, type ClassThresholdsConfig } from './class-thresholds';
export { drawDetections, type DrawOptions } from './detection-drawer';
export { Float32BufferPool } from './float32-buffer-pool';
export {
  buildDetectionOverlay,
  buildDetectionOverlayTiles,
  detectionLabel,
  escapeXml,
  strokeWidthFor,
  type DrawableDetection,
  type OverlayTile,
} from './detection-overlay';
export {
  decodeImage,
  DEFAULT_IMAGE_LIMITS,
  SUPPORTED_IMAGE_FORMATS,
  type DecodedImage,
  type ImageLimits,
  type RgbImage,
  type SupportedImageFormat,
} from './image-decoder';
export { InvalidImageError, type InvalidImageReason } from './invalid-image.error';
export { decodeLetterboxed, type DecodedLetterbox } from './letterbox-decoder';
export {
  computeLetterbox,
  LETTERBOX_PAD_VALUE,
  letterboxImage,
  letterboxPixels,
  type LetterboxedImage,
  type LetterboxParams,
} from './letterbox';
export { classWiseNms, DEFAULT_NMS_IOU_THRESHOLD, type NmsCandidate, type NmsOptions } from './nms';
export { roundHalfEven } from './round-half-even';
export {
  DEFAULT_MAX_DETECTIONS,
  detectionsFromYoloOutput,
  type Detection,
  type YoloDetectionOptions,
} from './yolo-detections';
export {
  decodeYoloOutput,
  yoloClassCount,
  type YoloCandidate,
  type YoloDecodeOptions,
  type YoloOutputTensor,
} from './yolo-output-decoder';
export {
  DEFAULT_YOLO_INPUT_SIZE,
  parseYoloClassNames,
  yoloInputSize,
  type YoloInputSignature,
} from './yolo-model-signature';
