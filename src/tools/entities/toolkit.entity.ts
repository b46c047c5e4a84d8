import { Collection, Entity, OneToMany, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { ToolkitItem } from './toolkit-item.entity';

/** A box of tools that technicians take out and bring back. */
@Entity({ tableName: 'toolkits' })
export class Toolkit extends BaseEntity<'description' | 'items'> {
  /** Short number (1, 2, …) assigned at creation: the old frontends send it as `toolkit_id`. */
  @Property({ type: 'integer' })
  @Unique()
  number: number;

  @Property({ type: 'string', length: 200 })
  name: string;

  @Property({ type: 'text' })
  description: string = '';

  @OneToMany(() => ToolkitItem, (item) => item.toolkit, { orderBy: { createdAt: 'asc' } })
  items = new Collection<ToolkitItem>(this);
}
