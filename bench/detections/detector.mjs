// Which tool detector the detections benchmark measures (BENCH_DETECTOR). Unset or `shipped`: models/ as committed,
// the small fixed-weight glyph detector (~12 ms of ONNX Runtime). `yolov8n-cost`: a temporary models folder whose
// tool-detector/1.0.0.onnx is the YOLOv8n-cost stand-in built by scripts/yolo-cost-model from the production build
// (the shipped detector's graph plus a full YOLOv8n network on the same input, its output multiplied by zero: the
// same detections, the ONNX cost of a YOLOv8n export); everything else in models/ is linked into that folder. The
// in-process core, the app over HTTP (MODELS_DIR) and the in-server service all load from the folder returned.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const shipped = join(root, 'models');

/** Links every entry of `from` into `to` except `except`. */
const linkAll = (from, to, except) => {
  for (const entry of readdirSync(from)) {
    if (entry !== except) symlinkSync(join(from, entry), join(to, entry));
  }
};

/** `{ label, modelsDir, dispose }` for the detector BENCH_DETECTOR names. */
export async function benchDetector(choice = process.env.BENCH_DETECTOR || 'shipped') {
  if (choice === 'shipped') {
    return {
      label: 'shipped glyph detector (models/tool-detector/1.0.0.onnx)',
      modelsDir: shipped,
      dispose: () => undefined,
    };
  }
  if (choice !== 'yolov8n-cost') {
    throw new Error(`BENCH_DETECTOR=${choice}: expected shipped or yolov8n-cost`);
  }
  const modelsDir = mkdtempSync(join(tmpdir(), 'bench-detections-models-'));
  const dispose = () => rmSync(modelsDir, { recursive: true, force: true });
  try {
    linkAll(shipped, modelsDir, 'tool-detector');
    mkdirSync(join(modelsDir, 'tool-detector'));
    linkAll(join(shipped, 'tool-detector'), join(modelsDir, 'tool-detector'), '1.0.0.onnx');
    const { buildYoloCostModel } = require(join(root, 'dist/scripts/yolo-cost-model/pipeline.js'));
    const built = await buildYoloCostModel(join(modelsDir, 'tool-detector'));
    const mib = (built.bytes.length / 2 ** 20).toFixed(1);
    return {
      label:
        `YOLOv8n-cost stand-in (glyph detector + YOLOv8n, ${built.yoloParameters.toLocaleString('en-US')} ` +
        `parameters, output ×0; output0 [${built.outputShape.join(', ')}], ${mib} MiB)`,
      modelsDir,
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}
