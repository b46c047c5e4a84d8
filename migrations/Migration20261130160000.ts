import { Migration } from '@mikro-orm/migrations';

/** Hourly and daily aggregates of dashboard metrics (src/dashboards/rollups). */
export class Migration20261130160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "metric_rollups" ("dashboard_id" uuid not null, "hours" smallint not null, "start" timestamptz not null, "count" int not null, "value_counts" integer[] not null, "sums" double precision[] not null, "mins" double precision[] not null, "maxes" double precision[] not null, "p95s" double precision[] not null, "sketches" double precision[] not null, "computed_at" timestamptz not null, constraint "metric_rollups_pkey" primary key ("dashboard_id", "hours", "start"));`,
    );
    this.addSql(
      `alter table "metric_rollups" add constraint "metric_rollups_dashboard_id_foreign" foreign key ("dashboard_id") references "dashboards" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "metric_rollups" cascade;`);
  }
}
