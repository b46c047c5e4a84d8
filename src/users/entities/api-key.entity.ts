import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '@app/database';
import { User } from './user.entity';

/** An API key: only its SHA-256 hash is stored; `prefix` identifies it for display and lookup. */
@Entity({ tableName: 'api_keys' })
export class ApiKey extends BaseEntity<'lastUsedAt' | 'expiresAt' | 'revokedAt'> {
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  @Index()
  owner: Ref<User>;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 16 })
  @Index()
  prefix: string;

  @Property({ type: 'string', length: 64, hidden: true })
  @Unique()
  keyHash: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  revokedAt: Date | null = null;

  isUsableAt(now: Date): boolean {
    return this.revokedAt === null && (this.expiresAt === null || this.expiresAt > now);
  }
}
