import { Migration } from '@mikro-orm/migrations';

/** The platform's own models, per minute (src/platform-metrics). */
export class Migration20261130150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "platform_model_minutes" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "model" varchar(100) not null, "version" varchar(100) not null, "minute" timestamptz not null, "calls" int not null, "errors" int not null, "latency_avg_ms" double precision not null, "latency_p95_ms" double precision not null, "memory_mb" double precision not null, "accuracy" double precision null, constraint "platform_model_minutes_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "platform_model_minutes" add constraint "platform_model_minutes_model_version_minute_unique" unique ("model", "version", "minute");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "platform_model_minutes" cascade;`);
  }
}
