import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "tool_transaction_type" as enum ('ISSUE', 'RETURN');`);
    this.addSql(
      `create type "tool_transaction_status" as enum ('PENDING', 'COMPLETE', 'INCOMPLETE', 'FAILED');`,
    );
    this.addSql(
      `create table "tools" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "name" varchar(200) not null, "serial_number" varchar(64) not null, "category" varchar(64) not null, "detector_class" varchar(64) not null, constraint "tools_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "tools" add constraint "tools_serial_number_unique" unique ("serial_number");`,
    );
    this.addSql(`create index "tools_detector_class_index" on "tools" ("detector_class");`);

    this.addSql(
      `create table "toolkits" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "number" int not null, "name" varchar(200) not null, "description" text not null default '', constraint "toolkits_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "toolkits" add constraint "toolkits_number_unique" unique ("number");`,
    );
    // Toolkit numbers (1, 2, …) come from this sequence when a toolkit is created.
    this.addSql(
      `create sequence "toolkits_number_seq" as int minvalue 1 owned by "toolkits"."number";`,
    );

    this.addSql(
      `create table "toolkit_items" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "toolkit_id" uuid not null, "tool_id" uuid not null, "quantity" int not null, constraint "toolkit_items_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "toolkit_items_tool_id_index" on "toolkit_items" ("tool_id");`);
    this.addSql(
      `alter table "toolkit_items" add constraint "toolkit_items_toolkit_id_tool_id_unique" unique ("toolkit_id", "tool_id");`,
    );
    this.addSql(
      `alter table "toolkit_items" add constraint "toolkit_items_quantity_check" check ("quantity" >= 1);`,
    );

    this.addSql(
      `create table "tool_transactions" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "user_id" uuid not null, "toolkit_id" uuid not null, "type" "tool_transaction_type" not null, "transaction_time" timestamptz not null, "status" "tool_transaction_status" not null default 'PENDING', "found" jsonb not null, "missing" jsonb not null, "unexpected" jsonb not null, "annotated_image_key" varchar(64) null, "model_version" varchar(64) null, "error" text null, constraint "tool_transactions_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "tool_transactions_status_index" on "tool_transactions" ("status");`);
    this.addSql(
      `create index "tool_transactions_transaction_time_index" on "tool_transactions" ("transaction_time");`,
    );
    this.addSql(
      `create index "tool_transactions_toolkit_id_transaction_time_index" on "tool_transactions" ("toolkit_id", "transaction_time");`,
    );
    this.addSql(
      `create index "tool_transactions_user_id_transaction_time_index" on "tool_transactions" ("user_id", "transaction_time");`,
    );

    this.addSql(
      `alter table "toolkit_items" add constraint "toolkit_items_toolkit_id_foreign" foreign key ("toolkit_id") references "toolkits" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "toolkit_items" add constraint "toolkit_items_tool_id_foreign" foreign key ("tool_id") references "tools" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "tool_transactions" add constraint "tool_transactions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "tool_transactions" add constraint "tool_transactions_toolkit_id_foreign" foreign key ("toolkit_id") references "toolkits" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "toolkit_items" drop constraint "toolkit_items_tool_id_foreign";`);

    this.addSql(`alter table "toolkit_items" drop constraint "toolkit_items_toolkit_id_foreign";`);

    this.addSql(
      `alter table "tool_transactions" drop constraint "tool_transactions_toolkit_id_foreign";`,
    );

    this.addSql(`drop table if exists "tools" cascade;`);

    this.addSql(`drop table if exists "toolkits" cascade;`);
    this.addSql(`drop sequence if exists "toolkits_number_seq";`);

    this.addSql(`drop table if exists "toolkit_items" cascade;`);

    this.addSql(`drop table if exists "tool_transactions" cascade;`);

    this.addSql(`drop type "tool_transaction_type";`);
    this.addSql(`drop type "tool_transaction_status";`);
  }
}
