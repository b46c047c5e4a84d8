import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { Tool } from './tool.entity';
import { Toolkit } from './toolkit.entity';

/** How many of one tool a toolkit holds. */
@Entity({ tableName: 'toolkit_items' })
@Unique({ properties: ['toolkit', 'tool'] })
@Check({ name: 'toolkit_items_quantity_check', expression: 'quantity >= 1' })
export class ToolkitItem extends BaseEntity {
  @ManyToOne(() => Toolkit, { ref: true, deleteRule: 'cascade' })
  toolkit: Ref<Toolkit>;

  @ManyToOne(() => Tool, { eager: true, index: true })
  tool: Tool;

  @Property({ type: 'integer' })
  quantity: number;
}
