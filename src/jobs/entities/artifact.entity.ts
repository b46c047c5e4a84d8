import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { Job } from './job.entity';

export enum ArtifactKind {
  Input = 'INPUT',
  Output = 'OUTPUT',
  Preview = 'PREVIEW',
  Log = 'LOG',
}

/** A file of a job in object storage. */
@Entity({ tableName: 'artifacts' })
@Index({ properties: ['job', 'kind'] })
export class Artifact extends BaseEntity<'checksum'> {
  @ManyToOne(() => Job, { ref: true, deleteRule: 'cascade' })
  job: Ref<Job>;

  @Enum({ items: () => ArtifactKind, nativeEnumName: 'artifact_kind' })
  kind: ArtifactKind;

  @Property({ type: 'string', length: 255 })
  bucket: string;

  @Property({ type: 'string', length: 512 })
  objectKey: string;

  @Property({ type: 'string', length: 255 })
  contentType: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  size: number;

  /** Hex SHA-256 when known. */
  @Property({ type: 'string', length: 64, nullable: true })
  checksum: string | null = null;
}
