import type { Size } from './box';

/** What a YOLO detector needs to know about its ONNX model's graph input. */
export interface YoloInputSignature {
  readonly shape: readonly (number | string)[];
}

/** Input size used when the model's input is dynamic and its metadata names none (Ultralytics' default). */
export const DEFAULT_YOLO_INPUT_SIZE = 640;

/**
 * Class names from the `names` metadata Ultralytics writes: a Python dict literal such as
 * `{0: 'hammer', 1: "wire cutter"}` (single or double quotes, backslash escapes). Returns the names
 * by class index, or undefined when the value is missing or not such a dict with indices 0..n-1.
 */
export function parseYoloClassNames(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const entry = /\s*(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(,|$)/y;
  const body = text.slice(1, -1);
  const names = new Map<number, string>();
  entry.lastIndex = 0;
  while (entry.lastIndex < body.length) {
    const start = entry.lastIndex;
    const match = entry.exec(body);
    if (!match) return body.slice(start).trim() === '' ? collect(names) : undefined;
    const index = Number(match[1]);
    if (names.has(index)) return undefined;
    names.set(index, unescapePython(match[2] ?? match[3]));
    if (match[4] === '') break;
  }
  return collect(names);
}

function collect(names: Map<number, string>): string[] | undefined {
  if (names.size === 0) return undefined;
  const ordered = Array.from({ length: names.size }, (_, index) => names.get(index));
  return ordered.every((name): name is string => name !== undefined) ? ordered : undefined;
}

function unescapePython(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[escape] ?? escape;
  });
}

/**
 * The model input size: from the input shape `[batch, 3, H, W]` when both are fixed, else from the
 * `imgsz` metadata Ultralytics writes (`[640, 640]`), else 640 x 640.
 */
export function yoloInputSize(
  input: YoloInputSignature,
  metadata: Readonly<Record<string, string>> = {},
): Size {
  const [, , height, width] = input.shape;
  if (typeof height === 'number' && typeof width === 'number' && height > 0 && width > 0) {
    return { width, height };
  }
  const imgsz = (metadata.imgsz ?? '').match(/\d+/g)?.map(Number) ?? [];
  if (imgsz.length === 2 && imgsz.every((side) => side > 0)) {
    return { height: imgsz[0], width: imgsz[1] };
  }
  if (imgsz.length === 1 && imgsz[0] > 0) return { width: imgsz[0], height: imgsz[0] };
  return { width: DEFAULT_YOLO_INPUT_SIZE, height: DEFAULT_YOLO_INPUT_SIZE };
}
