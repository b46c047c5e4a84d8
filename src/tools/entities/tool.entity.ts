import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';

/** One physical tool type in the catalogue, and the detector class that recognises it. */
@Entity({ tableName: 'tools' })
export class Tool extends BaseEntity {
  @Property({ type: 'string', length: 200 })
  name: string;

  @Property({ type: 'string', length: 64 })
  @Unique()
  serialNumber: string;

  @Property({ type: 'string', length: 64 })
  category: string;

  /** The detector's class name for this tool (`hammer`); several tools may share one class. */
  @Property({ type: 'string', length: 64, index: true })
  detectorClass: string;
}
