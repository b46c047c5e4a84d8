/** One box the detector reported, in source-image pixels. */
export interface DetectedObject {
  className: string;
  confidence: number;
  box: [number, number, number, number];
}

/** A toolkit line as the verdict needs it. */
export interface KitLine {
  toolId: string;
  name: string;
  detectorClass: string;
  quantity: number;
}

export interface MatchedDetection {
  class: string;
  /** The toolkit's tool this box counts as, or null when the class is not in the toolkit. */
  toolId: string | null;
  confidence: number;
  box: [number, number, number, number];
}

export interface ExpectedItem {
  toolId: string;
  name: string;
  expected: number;
  found: number;
}

export interface MissingItem {
  toolId: string;
  name: string;
  missing: number;
}

export interface UnexpectedClass {
  class: string;
  count: number;
}

export interface ToolkitVerdict {
  detections: MatchedDetection[];
  items: ExpectedItem[];
  missing: MissingItem[];
  unexpected: UnexpectedClass[];
  /** Every toolkit item was found at least as often as expected (unexpected extras do not change this). */
  complete: boolean;
}

/**
 * Compares what the detector saw with what the toolkit should hold. A class maps to the toolkit's tools whose
 * `detectorClass` it is; when several tools share a class, boxes (most confident first) fill them in toolkit
 * order, and surplus boxes count for the first. Classes no toolkit tool maps to are `unexpected`.
 */
export function verifyToolkit(detected: DetectedObject[], lines: KitLine[]): ToolkitVerdict {
  const found = new Map<string, number>(lines.map((line) => [line.toolId, 0]));
  const unexpected = new Map<string, number>();
  const byConfidence = detected
    .map((detection, index) => ({ detection, index }))
    .sort((a, b) => b.detection.confidence - a.detection.confidence);
  const toolIds: (string | null)[] = new Array<string | null>(detected.length).fill(null);

  for (const { detection, index } of byConfidence) {
    const candidates = lines.filter((line) => line.detectorClass === detection.className);
    if (candidates.length === 0) {
      unexpected.set(detection.className, (unexpected.get(detection.className) ?? 0) + 1);
      continue;
    }
    const line =
      candidates.find((candidate) => (found.get(candidate.toolId) ?? 0) < candidate.quantity) ??
      candidates[0];
    found.set(line.toolId, (found.get(line.toolId) ?? 0) + 1);
    toolIds[index] = line.toolId;
  }

  const items = lines.map((line) => ({
    toolId: line.toolId,
    name: line.name,
    expected: line.quantity,
    found: found.get(line.toolId) ?? 0,
  }));
  const missing = items
    .filter((item) => item.found < item.expected)
    .map((item) => ({ toolId: item.toolId, name: item.name, missing: item.expected - item.found }));
  return {
    detections: detected.map((detection, index) => ({
      class: detection.className,
      toolId: toolIds[index],
      confidence: detection.confidence,
      box: detection.box,
    })),
    items,
    missing,
    unexpected: [...unexpected.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => ({ class: name, count })),
    complete: missing.length === 0,
  };
}
