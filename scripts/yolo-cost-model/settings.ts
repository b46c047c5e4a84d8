/** Ultralytics yolov8.yaml at scale n: [depth, width, max_channels] = [0.33, 0.25, 1024]. */
export const YOLOV8N_SCALE = { depth: 0.33, width: 0.25, maxChannels: 1024 } as const;
/** Bins per box side of the Detect head's distribution focal loss (DFL). */
export const REG_MAX = 16;
/** Seed of the pseudo-random weights (the network is not trained: only its cost matters). */
export const WEIGHT_SEED = 8;
/** The stand-in's `description` metadata: what the model is, for anyone who finds the file. */
export const STAND_IN_DESCRIPTION =
  'benchmark stand-in: demo glyph detector + YOLOv8n-sized network (output x0), not a trained model';
