import { Migration } from '@mikro-orm/migrations';

export class Migration20261130120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dashboards" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "name" varchar(200) not null, constraint "dashboards_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "dashboards" add constraint "dashboards_owner_id_name_unique" unique ("owner_id", "name");`,
    );
    this.addSql(
      `alter table "dashboards" add constraint "dashboards_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `create table "metrics" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "dashboard_id" uuid null, "ia_efficiency" double precision not null, "model_accuracy" double precision null, "processing_time_ms" double precision not null, "memory_usage_mb" double precision not null, "error_rate" double precision not null, "timestamp" timestamptz not null, "period" text null, constraint "metrics_pkey" primary key ("id"), ` +
        `constraint metrics_ia_efficiency_check check (ia_efficiency >= 0 and ia_efficiency <= 1), ` +
        `constraint metrics_model_accuracy_check check (model_accuracy >= 0 and model_accuracy <= 1), ` +
        `constraint metrics_processing_time_ms_check check (processing_time_ms >= 0 and processing_time_ms <= 86400000), ` +
        `constraint metrics_memory_usage_mb_check check (memory_usage_mb >= 0 and memory_usage_mb <= 16777216), ` +
        `constraint metrics_error_rate_check check (error_rate >= 0 and error_rate <= 1), ` +
        `constraint metrics_period_check check (period in ('24h', '7d', '30d')));`,
    );
    this.addSql(
      `create index "metrics_dashboard_id_timestamp_index" on "metrics" ("dashboard_id", "timestamp") include ("ia_efficiency", "model_accuracy", "processing_time_ms", "memory_usage_mb", "error_rate");`,
    );
    this.addSql(`create index "metrics_timestamp_index" on "metrics" ("timestamp");`);
    this.addSql(
      `alter table "metrics" add constraint "metrics_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "metrics" add constraint "metrics_dashboard_id_foreign" foreign key ("dashboard_id") references "dashboards" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "metrics" cascade;`);
    this.addSql(`drop table if exists "dashboards" cascade;`);
  }
}
