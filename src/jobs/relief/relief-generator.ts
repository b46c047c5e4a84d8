import { buildHeightField } from './height-field';
import { writeReliefGlb } from './relief-glb';
import { reliefGridFor } from './relief-grid';
import { buildReliefMesh } from './relief-mesh';
import { assertReliefParams, type ReliefParams } from './relief-params';
import { renderReliefPreview } from './relief-preview';
import {
  ReliefStepReporter,
  type ReliefProgressListener,
  type ReliefStopCheck,
} from './relief-progress';
import { decodeReliefSource, encodeReliefTexture, resizeRgb } from './relief-source';

export interface ReliefStats {
  readonly vertices: number;
  readonly triangles: number;
  /** Grid cells along X (the image's width). */
  readonly width: number;
  /** Grid cells along Z (the image's height). */
  readonly height: number;
}

export interface ReliefResult {
  /** Binary glTF 2.0: one scene, one node, one textured mesh. */
  readonly glb: Buffer;
  /** PNG seen from above, hill-shaded. */
  readonly preview: Buffer;
  readonly stats: ReliefStats;
}

/**
 * `relief-v1`: turns an image into a relief mesh whose height follows the image's luminance.
 * CPU only: about 0.1 s for a 1024 x 768 photo at resolution 128 on two cores, decoding dominating
 * for large photos. The output bytes depend only on the input bytes and the parameters.
 *
 * @param onProgress awaited after each step with the percentage reached (10, 30, 60, 80, 95, 100).
 * @param shouldStop asked after each step but the last; true stops the work.
 * @throws InvalidReliefInputError when the input is not an accepted image or a parameter is out of
 *   range; ReliefCanceledError when `shouldStop` answered true.
 */
export async function generateRelief(
  image: Buffer,
  params: ReliefParams,
  onProgress?: ReliefProgressListener,
  shouldStop?: ReliefStopCheck,
): Promise<ReliefResult> {
  assertReliefParams(params);
  const steps = new ReliefStepReporter(onProgress, shouldStop);

  const source = await decodeReliefSource(image);
  await steps.completed('decode');

  const grid = reliefGridFor(source, params.resolution);
  const cells = await resizeRgb(source, { width: grid.columns, height: grid.rows }, 'linear');
  const field = buildHeightField(cells, params);
  await steps.completed('heights');

  const mesh = buildReliefMesh(field);
  await steps.completed('mesh');

  const texture = { data: await encodeReliefTexture(source), mimeType: 'image/jpeg' } as const;
  const glb = await writeReliefGlb(mesh, texture, params);
  await steps.completed('glb');

  const preview = await renderReliefPreview(grid, mesh.normals, source);
  await steps.completed('preview');

  await steps.completed('done');
  return {
    glb,
    preview,
    stats: {
      vertices: mesh.vertexCount,
      triangles: mesh.triangleCount,
      width: grid.columns,
      height: grid.rows,
    },
  };
}
