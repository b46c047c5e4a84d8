import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeToolDetector } from '../build-tool-detector/pipeline';
import { ONNX_FILE } from '../build-tool-detector/settings';
import { mergeStandIn, type StandIn } from './stand-in-merge';

export interface StandInBuild extends StandIn {
  onnxPath: string;
}

/** Builds the YOLOv8n-cost stand-in of the shipped tool detector and writes `<outputDir>/1.0.0.onnx`. */
export async function buildYoloCostModel(outputDir: string): Promise<StandInBuild> {
  const standIn = mergeStandIn((await encodeToolDetector()).bytes);
  mkdirSync(outputDir, { recursive: true });
  const onnxPath = join(outputDir, ONNX_FILE);
  writeFileSync(onnxPath, standIn.bytes);
  return { ...standIn, onnxPath };
}
