import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from '../../users/entities/user.entity';

/** A user's named view of AI metrics; its points are `Metric` rows. A name is unique per owner. */
@Entity({ tableName: 'dashboards' })
@Unique({ properties: ['owner', 'name'] })
export class Dashboard extends BaseEntity {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  owner: Ref<User>;

  @Property({ type: 'string', length: 200 })
  name: string;
}
