/** One row of Ultralytics' yolov8.yaml: where its input comes from (-1: the previous layer) and the module. */
export type YoloLayer =
  | { module: 'Conv'; channels: number; kernel: number; stride: number }
  | { module: 'C2f'; repeats: number; channels: number; shortcut: boolean }
  | { module: 'SPPF'; channels: number; kernel: number }
  | { module: 'Upsample' }
  | { module: 'Concat'; with: number }
  | { module: 'Detect'; from: readonly number[] };

/**
 * Ultralytics' yolov8.yaml (detection) before scaling: channels and repeats at scale 1, one row per layer, in
 * order; Concat joins the previous layer with layer `with` along the channels.
 */
export const YOLOV8_LAYERS: readonly YoloLayer[] = [
  // backbone
  { module: 'Conv', channels: 64, kernel: 3, stride: 2 }, // 0-P1/2
  { module: 'Conv', channels: 128, kernel: 3, stride: 2 }, // 1-P2/4
  { module: 'C2f', repeats: 3, channels: 128, shortcut: true },
  { module: 'Conv', channels: 256, kernel: 3, stride: 2 }, // 3-P3/8
  { module: 'C2f', repeats: 6, channels: 256, shortcut: true },
  { module: 'Conv', channels: 512, kernel: 3, stride: 2 }, // 5-P4/16
  { module: 'C2f', repeats: 6, channels: 512, shortcut: true },
  { module: 'Conv', channels: 1024, kernel: 3, stride: 2 }, // 7-P5/32
  { module: 'C2f', repeats: 3, channels: 1024, shortcut: true },
  { module: 'SPPF', channels: 1024, kernel: 5 }, // 9
  // head
  { module: 'Upsample' },
  { module: 'Concat', with: 6 }, // cat backbone P4
  { module: 'C2f', repeats: 3, channels: 512, shortcut: false }, // 12
  { module: 'Upsample' },
  { module: 'Concat', with: 4 }, // cat backbone P3
  { module: 'C2f', repeats: 3, channels: 256, shortcut: false }, // 15 (P3/8-small)
  { module: 'Conv', channels: 256, kernel: 3, stride: 2 },
  { module: 'Concat', with: 12 }, // cat head P4
  { module: 'C2f', repeats: 3, channels: 512, shortcut: false }, // 18 (P4/16-medium)
  { module: 'Conv', channels: 512, kernel: 3, stride: 2 },
  { module: 'Concat', with: 9 }, // cat head P5
  { module: 'C2f', repeats: 3, channels: 1024, shortcut: false }, // 21 (P5/32-large)
  { module: 'Detect', from: [15, 18, 21] }, // Detect(P3, P4, P5)
];

export interface ModelScale {
  readonly depth: number;
  readonly width: number;
  readonly maxChannels: number;
}

/** Ultralytics' parse_model: channels min(c, max) x width, rounded up to a multiple of 8. */
export const scaledChannels = (channels: number, scale: ModelScale): number =>
  Math.ceil((Math.min(channels, scale.maxChannels) * scale.width) / 8) * 8;

/** Ultralytics' parse_model: repeats round(n x depth), at least 1 (a single block stays single). */
export const scaledRepeats = (repeats: number, scale: ModelScale): number =>
  repeats > 1 ? Math.max(Math.round(repeats * scale.depth), 1) : repeats;
