import { describe, expect, it } from 'vitest';
import { RELIEF_PARAM_SCHEMA, DEFAULT_RELIEF_PARAMS } from '../relief';
import { readCatalogFile } from './catalog-file';

describe('seeds/ai_models.json', () => {
  const catalog = readCatalogFile();

  it('holds the built-in relief-v1 and the two external GPU models', () => {
    expect(catalog.map((m) => [m.id, m.runner])).toEqual([
      ['relief-v1', 'builtin'],
      ['sf3d-v1', 'external'],
      ['dreamfusion-sd', 'external'],
    ]);
  });

  it('describes relief-v1 exactly as the generator does, plus the input image', () => {
    const relief = catalog.find((m) => m.id === 'relief-v1');
    const { image_path: imagePath, ...params } = (
      relief?.param_schema as { properties: Record<string, object> }
    ).properties;
    expect(imagePath).toMatchObject({ type: 'string' });
    const generator = (
      RELIEF_PARAM_SCHEMA as unknown as { properties: Record<string, Record<string, unknown>> }
    ).properties;
    for (const [name, rule] of Object.entries(generator)) {
      const bounds = Object.fromEntries(
        (['type', 'minimum', 'maximum'] as const)
          .filter((k) => rule[k] !== undefined)
          .map((k) => [k, rule[k]]),
      );
      expect(params[name], name).toMatchObject(bounds);
    }
    expect(Object.keys(params).sort()).toEqual(Object.keys(generator).sort());
    expect(relief?.default_params).toEqual(DEFAULT_RELIEF_PARAMS);
  });
});
