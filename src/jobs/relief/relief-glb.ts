import { Document, NodeIO, TextureInfo, type TypedArray } from '@gltf-transform/core';
import type { ReliefMesh } from './relief-mesh';
import type { ReliefParams } from './relief-params';

export const RELIEF_MODEL_ID = 'relief-v1';
export const RELIEF_GENERATOR = `ml-platform ${RELIEF_MODEL_ID}`;

/** Base colour image of the material, already encoded. */
export interface ReliefTexture {
  readonly data: Uint8Array;
  readonly mimeType: 'image/jpeg' | 'image/png';
}

/**
 * Writes the mesh as a binary glTF: one scene, one node, one mesh with one textured primitive.
 * The asset's generator names this model and the root `extras` carry the parameters used.
 * The material is matte and non-metallic, so viewers without an environment map show the image.
 */
export async function writeReliefGlb(
  mesh: ReliefMesh,
  texture: ReliefTexture,
  params: ReliefParams,
): Promise<Buffer> {
  const document = new Document();
  const root = document.getRoot();
  root.getAsset().generator = RELIEF_GENERATOR;
  root.setExtras({ model: RELIEF_MODEL_ID, params: { ...params } });

  const buffer = document.createBuffer();
  const accessor = (name: string, type: 'SCALAR' | 'VEC2' | 'VEC3', array: TypedArray) =>
    document.createAccessor(name).setType(type).setArray(array).setBuffer(buffer);

  const image = document
    .createTexture('source')
    .setImage(texture.data)
    .setMimeType(texture.mimeType);
  const material = document
    .createMaterial('relief')
    .setBaseColorTexture(image)
    .setMetallicFactor(0)
    .setRoughnessFactor(1);
  material
    .getBaseColorTextureInfo()
    ?.setWrapS(TextureInfo.WrapMode.CLAMP_TO_EDGE)
    .setWrapT(TextureInfo.WrapMode.CLAMP_TO_EDGE)
    .setMagFilter(TextureInfo.MagFilter.LINEAR)
    .setMinFilter(TextureInfo.MinFilter.LINEAR_MIPMAP_LINEAR);

  const primitive = document
    .createPrimitive()
    .setAttribute('POSITION', accessor('position', 'VEC3', mesh.positions))
    .setAttribute('NORMAL', accessor('normal', 'VEC3', mesh.normals))
    .setAttribute('TEXCOORD_0', accessor('uv', 'VEC2', mesh.uvs))
    .setIndices(accessor('indices', 'SCALAR', mesh.indices))
    .setMaterial(material);
  const node = document
    .createNode('relief')
    .setMesh(document.createMesh('relief').addPrimitive(primitive));
  root.setDefaultScene(document.createScene('relief').addChild(node));

  const glb = await new NodeIO().writeBinary(document);
  return Buffer.from(glb.buffer, glb.byteOffset, glb.byteLength);
}
