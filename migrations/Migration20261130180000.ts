import { Migration } from '@mikro-orm/migrations';

/**
 * Hourly and daily aggregates of dashboard metrics (src/dashboards/rollups). Ingest deletes the rollups it writes
 * into itself; points deleted or changed by other means (a user's deletion cascading to the points they reported, SQL
 * by hand) delete theirs through a statement trigger.
 */
export class Migration20261130180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "metric_rollups" ("dashboard_id" uuid not null, "hours" smallint not null, "start" timestamptz not null, "count" int not null, "value_counts" integer[] not null, "sums" double precision[] not null, "mins" double precision[] not null, "maxes" double precision[] not null, "p95s" double precision[] not null, "sketches" double precision[] not null, "computed_at" timestamptz not null, constraint "metric_rollups_pkey" primary key ("dashboard_id", "hours", "start"));`,
    );
    this.addSql(
      `alter table "metric_rollups" add constraint "metric_rollups_dashboard_id_foreign" foreign key ("dashboard_id") references "dashboards" ("id") on update cascade on delete cascade;`,
    );

    // One function for both triggers: the rows before (and after an update) name the hours and days to forget.
    const forget = (rows: string) => `
        delete from "metric_rollups" r using (
          select distinct o."dashboard_id", s.hours, date_bin(s.span, o."timestamp", timestamptz '1970-01-01 00:00:00+00') as start
          from "${rows}" o cross join (values (1, interval '1 hour'), (24, interval '1 day')) s(hours, span)
          where o."dashboard_id" is not null
        ) x
        where r."dashboard_id" = x."dashboard_id" and r."hours" = x.hours and r."start" = x.start;`;
    this.addSql(`create function "metric_rollups_forget"() returns trigger language plpgsql as $$
      begin
        ${forget('old_points')}
        if tg_op = 'UPDATE' then
          ${forget('new_points')}
        end if;
        return null;
      end $$;`);
    this.addSql(
      `create trigger "metrics_forget_rollups_on_delete" after delete on "metrics" referencing old table as "old_points" for each statement execute function "metric_rollups_forget"();`,
    );
    this.addSql(
      `create trigger "metrics_forget_rollups_on_update" after update on "metrics" referencing old table as "old_points" new table as "new_points" for each statement execute function "metric_rollups_forget"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "metrics_forget_rollups_on_update" on "metrics";`);
    this.addSql(`drop trigger if exists "metrics_forget_rollups_on_delete" on "metrics";`);
    this.addSql(`drop function if exists "metric_rollups_forget"();`);
    this.addSql(`drop table if exists "metric_rollups" cascade;`);
  }
}
