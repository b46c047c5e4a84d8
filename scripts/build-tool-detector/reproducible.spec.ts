import { parseYoloClassNames, readOnnxMetadata } from '@app/inference';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_CLASS_NAMES } from '../../src/tools/demo/tool-glyphs';
import { buildToolDetector, pythonNamesDict, type BuildResult } from './pipeline';
import { ONNX_FILE } from './settings';

const committed = resolve(__dirname, '../../models/tool-detector', ONNX_FILE);

describe('build-tool-detector', () => {
  let outputDir: string;
  let result: BuildResult;

  beforeAll(async () => {
    outputDir = mkdtempSync(join(tmpdir(), 'tool-detector-'));
    result = await buildToolDetector(outputDir);
  }, 30_000);
  afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

  it('reproduces the committed ONNX file byte for byte', () => {
    expect(readFileSync(join(outputDir, ONNX_FILE)).equals(readFileSync(committed))).toBe(true);
  });

  it('has the signature and metadata of an Ultralytics YOLOv8 detection export', () => {
    const metadata = readOnnxMetadata(readFileSync(committed));
    expect(metadata.irVersion).toBe(8);
    expect(metadata.opsetImports).toEqual([{ domain: '', version: 17 }]);
    expect(metadata.inputs).toEqual([
      { name: 'images', elementType: 'float32', shape: [1, 3, 640, 640] },
    ]);
    expect(metadata.outputs).toEqual([
      { name: 'output0', elementType: 'float32', shape: [1, 15, 2100] },
    ]);
    expect(metadata.metadataProps).toMatchObject({
      task: 'detect',
      imgsz: '[640, 640]',
      names: pythonNamesDict(TOOL_CLASS_NAMES),
    });
    expect(parseYoloClassNames(metadata.metadataProps.names)).toEqual([...TOOL_CLASS_NAMES]);
  });

  it('calibrates an expected fill for every class', () => {
    expect(result.classes.map((c) => c.name)).toEqual([...TOOL_CLASS_NAMES]);
    for (const c of result.classes) {
      expect(c.expectedFill).toBeGreaterThan(0.3);
      expect(c.expectedFill).toBeLessThanOrEqual(1);
    }
  });
});

describe('pythonNamesDict', () => {
  it('writes the dict literal Ultralytics writes, quotes escaped', () => {
    expect(pythonNamesDict(['hammer', 'wire_cutter'])).toBe("{0: 'hammer', 1: 'wire_cutter'}");
    expect(parseYoloClassNames(pythonNamesDict(["o'clock", 'back\\slash']))).toEqual([
      "o'clock",
      'back\\slash',
    ]);
  });
});
