import { Migration } from '@mikro-orm/migrations';

/**
 * Tables whose list pages the API keeps in memory announce every committed change on the `table_changes` channel
 * (payload: the table name), whoever wrote it: the app, another replica, the CLI or plain SQL
 * (src/platform/table-changes). One statement-level trigger per table; NOTIFY is delivered at commit.
 */
export class Migration20261130160000 extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create or replace function "notify_table_change"() returns trigger language plpgsql as $$
begin
  perform pg_notify('table_changes', tg_table_name);
  return null;
end
$$;`);
    this.addSql(
      `create trigger "predictions_notify_change" after insert or update or delete or truncate on "predictions" for each statement execute function "notify_table_change"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "predictions_notify_change" on "predictions";`);
    this.addSql(`drop function if exists "notify_table_change"();`);
  }
}
