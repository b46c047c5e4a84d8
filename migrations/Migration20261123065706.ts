import { Migration } from '@mikro-orm/migrations';

export class Migration20261123065706 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "user_role" as enum ('admin', 'operator', 'viewer');`);
    this.addSql(
      `create type "task_status" as enum ('queued', 'running', 'retrying', 'succeeded', 'failed', 'canceled');`,
    );
    this.addSql(
      `create table "users" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "username" varchar(64) not null, "email" varchar(254) null, "name" varchar(200) null, "employee_number" varchar(64) null, "role" "user_role" not null default 'viewer', "password_hash" varchar(255) null, "is_active" boolean not null default true, constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(
      `alter table "users" add constraint "users_employee_number_unique" unique ("employee_number");`,
    );
    this.addSql(`create index "users_role_index" on "users" ("role");`);

    this.addSql(
      `create table "tasks" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "job_id" varchar(200) not null, "queue" varchar(64) not null, "name" varchar(64) not null, "owner_id" uuid null, "status" "task_status" not null default 'queued', "progress" smallint not null default 0, "payload" jsonb not null, "result" jsonb null, "error" text null, "attempts" smallint not null default 0, "max_attempts" smallint not null, "started_at" timestamptz null, "finished_at" timestamptz null, constraint "tasks_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "tasks" add constraint "tasks_job_id_unique" unique ("job_id");`);
    this.addSql(`create index "tasks_status_index" on "tasks" ("status");`);
    this.addSql(`create index "tasks_finished_at_index" on "tasks" ("finished_at");`);
    this.addSql(
      `create index "tasks_queue_name_created_at_index" on "tasks" ("queue", "name", "created_at");`,
    );
    this.addSql(
      `create index "tasks_owner_id_created_at_index" on "tasks" ("owner_id", "created_at");`,
    );

    this.addSql(
      `create table "api_keys" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "name" varchar(100) not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "api_keys_owner_id_index" on "api_keys" ("owner_id");`);
    this.addSql(`create index "api_keys_prefix_index" on "api_keys" ("prefix");`);
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`,
    );
    this.addSql(`create index "api_keys_revoked_at_index" on "api_keys" ("revoked_at");`);

    this.addSql(
      `alter table "tasks" add constraint "tasks_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "api_keys" add constraint "api_keys_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "tasks" drop constraint "tasks_owner_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_owner_id_foreign";`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "tasks" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`drop type "user_role";`);
    this.addSql(`drop type "task_status";`);
  }
}
