import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export enum ModelKind {
  ImageTo3d = 'image-to-3d',
  TextTo3d = 'text-to-3d',
}

export enum ModelRunner {
  /** Runs on this platform's workers (CPU). */
  Builtin = 'builtin',
  /** Waits in its own queue for an external (GPU) worker. */
  External = 'external',
}

/** A generative 3D model of the catalogue (seeds/ai_models.json). */
@Entity({ tableName: 'ai_models' })
export class AiModel {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'enabled';

  /** Stable catalogue id, e.g. `sf3d-v1`. */
  @PrimaryKey({ type: 'string', length: 64 })
  id: string;

  @Property({ type: 'string', length: 200 })
  name: string;

  @Enum({ items: () => ModelKind, nativeEnumName: 'model_kind' })
  kind: ModelKind;

  @Enum({ items: () => ModelRunner, nativeEnumName: 'model_runner' })
  runner: ModelRunner;

  @Property({ type: 'jsonb' })
  defaultParams: Record<string, unknown>;

  /** JSON Schema of the parameters (validated with ajv after merging over the defaults). */
  @Property({ type: 'jsonb' })
  paramSchema: Record<string, unknown>;

  @Property({ type: 'boolean' })
  enabled: boolean = true;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
