import { Migration } from '@mikro-orm/migrations';

export class Migration20261123081729 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "model_kind" as enum ('image-to-3d', 'text-to-3d');`);
    this.addSql(`create type "model_runner" as enum ('builtin', 'external');`);
    this.addSql(
      `create type "job_status" as enum ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED');`,
    );
    this.addSql(`create type "artifact_kind" as enum ('INPUT', 'OUTPUT', 'PREVIEW', 'LOG');`);
    this.addSql(
      `create table "ai_models" ("id" varchar(64) not null, "name" varchar(200) not null, "kind" "model_kind" not null, "runner" "model_runner" not null, "default_params" jsonb not null, "param_schema" jsonb not null, "enabled" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "ai_models_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "jobs" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "owner_id" uuid not null, "model_id" varchar(64) not null, "status" "job_status" not null default 'QUEUED', "progress_percent" smallint not null default 0, "input_params" jsonb not null, "prompt" text null, "error" text null, "webhook_url" varchar(2048) null, "task_id" uuid null, "started_at" timestamptz null, "completed_at" timestamptz null, constraint "jobs_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "jobs_model_id_index" on "jobs" ("model_id");`);
    this.addSql(
      `create index "jobs_owner_id_status_created_at_index" on "jobs" ("owner_id", "status", "created_at");`,
    );
    this.addSql(
      `create index "jobs_owner_id_created_at_index" on "jobs" ("owner_id", "created_at");`,
    );

    this.addSql(
      `create table "job_events" ("id" uuid not null, "job_id" uuid not null, "type" varchar(32) not null, "payload" jsonb not null, "created_at" timestamptz not null, constraint "job_events_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "job_events_job_id_created_at_index" on "job_events" ("job_id", "created_at");`,
    );

    this.addSql(
      `create table "artifacts" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "job_id" uuid not null, "kind" "artifact_kind" not null, "bucket" varchar(255) not null, "object_key" varchar(512) not null, "content_type" varchar(255) not null, "size" bigint not null, "checksum" varchar(64) null, constraint "artifacts_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "artifacts_job_id_kind_index" on "artifacts" ("job_id", "kind");`);

    this.addSql(
      `alter table "jobs" add constraint "jobs_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "jobs" add constraint "jobs_model_id_foreign" foreign key ("model_id") references "ai_models" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "job_events" add constraint "job_events_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "artifacts" add constraint "artifacts_job_id_foreign" foreign key ("job_id") references "jobs" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "jobs" drop constraint "jobs_model_id_foreign";`);

    this.addSql(`alter table "job_events" drop constraint "job_events_job_id_foreign";`);

    this.addSql(`alter table "artifacts" drop constraint "artifacts_job_id_foreign";`);

    this.addSql(`drop table if exists "ai_models" cascade;`);

    this.addSql(`drop table if exists "jobs" cascade;`);

    this.addSql(`drop table if exists "job_events" cascade;`);

    this.addSql(`drop table if exists "artifacts" cascade;`);

    this.addSql(`drop type "model_kind";`);
    this.addSql(`drop type "model_runner";`);
    this.addSql(`drop type "job_status";`);
    this.addSql(`drop type "artifact_kind";`);
  }
}
