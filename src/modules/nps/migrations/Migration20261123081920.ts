import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123081920 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_nps_survey" drop constraint if exists "retention_nps_survey_order_id_unique";`);
    this.addSql(`alter table if exists "retention_nps_response" drop constraint if exists "retention_nps_response_survey_id_unique";`);
    this.addSql(`create table if not exists "retention_nps_response" ("id" text not null, "survey_id" text not null, "order_id" text not null, "customer_id" text null, "email" text not null, "score" integer not null, "category" text check ("category" in ('promoter', 'passive', 'detractor')) not null, "comment" text null, "status" text check ("status" in ('tentative', 'confirmed', 'discarded')) not null default 'tentative', "discard_reason" text null, "clicks" jsonb null, "first_clicked_at" timestamptz not null, "last_clicked_at" timestamptz not null, "confirmed_at" timestamptz null, "alert_sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_nps_response_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_nps_response_survey_id_unique" ON "retention_nps_response" ("survey_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_response_deleted_at" ON "retention_nps_response" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_response_status_confirmed_at" ON "retention_nps_response" ("status", "confirmed_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_response_category_confirmed_at" ON "retention_nps_response" ("category", "confirmed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_nps_survey" ("id" text not null, "order_id" text not null, "order_display_id" text null, "customer_id" text null, "email" text not null, "locale" text null, "fulfillment_id" text not null, "delivered_at" timestamptz not null, "status" text check ("status" in ('scheduled', 'sent', 'skipped', 'responded')) not null default 'scheduled', "skip_reason" text null, "due_at" timestamptz not null, "sent_at" timestamptz null, "message_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_nps_survey_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_nps_survey_order_id_unique" ON "retention_nps_survey" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_survey_deleted_at" ON "retention_nps_survey" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_survey_status_due_at" ON "retention_nps_survey" ("status", "due_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_survey_email_created_at" ON "retention_nps_survey" ("email", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_survey_customer_id" ON "retention_nps_survey" ("customer_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_nps_response" cascade;`);

    this.addSql(`drop table if exists "retention_nps_survey" cascade;`);
  }

}
