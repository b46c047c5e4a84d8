import { TOOL_CLASS_NAMES } from '../../src/tools/demo/tool-glyphs';
import { layoutToolkit } from '../../src/tools/demo/toolkit-layout';
import { renderToolkitPhoto, type ToolkitPhoto } from '../../src/tools/demo/toolkit-photo';

/** The 11 classes of the shipped detector, in the order of the standard toolkit. */
export const STANDARD_CLASSES = TOOL_CLASS_NAMES;

/** A generated toolkit photo holding exactly `classes` (a class may repeat), with its ground truth. */
export function toolkitPhoto(
  classes: readonly string[],
  seed: number,
  size: { width: number; height: number } = { width: 1024, height: 768 },
): Promise<ToolkitPhoto> {
  return renderToolkitPhoto({
    ...size,
    seed,
    tools: layoutToolkit({ ...size, classes, seed }),
  });
}
