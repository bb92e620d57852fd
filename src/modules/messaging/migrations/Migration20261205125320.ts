import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205125320 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "retention_template_override_version" ("id" text not null, "template" text not null, "locale" text not null, "version" integer not null, "action" text check ("action" in ('save', 'reset')) not null, "subject" text null, "mjml" text null, "strings" jsonb null, "saved_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_template_override_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_template_override_version_deleted_at" ON "retention_template_override_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_template_override_version_template_locale_created_at" ON "retention_template_override_version" ("template", "locale", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "retention_template_override" add column if not exists "strings" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_template_override_version" cascade;`);

    this.addSql(`alter table if exists "retention_template_override" drop column if exists "strings";`);
  }

}
