import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123015645 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_settings_change" drop constraint if exists "retention_settings_change_section_version_unique";`);
    this.addSql(`alter table if exists "retention_setting" drop constraint if exists "retention_setting_section_unique";`);
    this.addSql(`alter table if exists "retention_scheduler_heartbeat" drop constraint if exists "retention_scheduler_heartbeat_job_name_unique";`);
    this.addSql(`create table if not exists "retention_scheduler_heartbeat" ("id" text not null, "job_name" text not null, "last_run_at" timestamptz not null, "run_count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_scheduler_heartbeat_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_scheduler_heartbeat_job_name_unique" ON "retention_scheduler_heartbeat" ("job_name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_scheduler_heartbeat_deleted_at" ON "retention_scheduler_heartbeat" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_setting" ("id" text not null, "section" text not null, "values" jsonb not null, "version" integer not null default 1, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_setting_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_setting_section_unique" ON "retention_setting" ("section") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_setting_deleted_at" ON "retention_setting" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_settings_change" ("id" text not null, "section" text not null, "version" integer not null, "changed_by" text null, "changes" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_settings_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_settings_change_deleted_at" ON "retention_settings_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_settings_change_section_version_unique" ON "retention_settings_change" ("section", "version") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_scheduler_heartbeat" cascade;`);

    this.addSql(`drop table if exists "retention_setting" cascade;`);

    this.addSql(`drop table if exists "retention_settings_change" cascade;`);
  }

}
