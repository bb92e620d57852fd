import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123065447 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_tracked_cart" drop constraint if exists "retention_tracked_cart_cart_id_unique";`);
    this.addSql(`alter table if exists "retention_recovery_send" drop constraint if exists "retention_recovery_send_cart_id_step_unique";`);
    this.addSql(`alter table if exists "retention_recovery_send" drop constraint if exists "retention_recovery_send_idempotency_key_unique";`);
    this.addSql(`alter table if exists "retention_recovery_campaign" drop constraint if exists "retention_recovery_campaign_is_default_unique";`);
    this.addSql(`create table if not exists "retention_recovery_campaign" ("id" text not null, "name" text not null, "status" text check ("status" in ('draft', 'active', 'paused')) not null default 'draft', "steps" jsonb not null, "filters" jsonb null, "holdout_percent" integer not null default 0, "attribution_window_days" integer not null default 7, "cap_per_address" integer not null default 1, "cap_window_hours" integer not null default 24, "on_activity" text check ("on_activity" in ('restart', 'continue')) not null default 'restart', "max_attempts" integer not null default 3, "on_step_failure" text check ("on_step_failure" in ('next_step', 'stop')) not null default 'next_step', "discount_budget" jsonb null, "is_default" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_recovery_campaign_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_recovery_campaign_deleted_at" ON "retention_recovery_campaign" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_recovery_campaign_is_default_unique" ON "retention_recovery_campaign" ("is_default") WHERE is_default = true AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_recovery_send" ("id" text not null, "idempotency_key" text not null, "cart_id" text not null, "campaign_id" text not null, "email" text not null, "step" integer not null, "variant" integer not null default 0, "subject" text null, "status" text check ("status" in ('sent', 'skipped', 'failed')) not null, "status_reason" text null, "message_id" text null, "promotion_id" text null, "promotion_code" text null, "promotion_expires_at" timestamptz null, "promotion_disabled_at" timestamptz null, "sent_at" timestamptz null, "opened_at" timestamptz null, "clicked_at" timestamptz null, "click_count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_recovery_send_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_recovery_send_idempotency_key_unique" ON "retention_recovery_send" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_recovery_send_deleted_at" ON "retention_recovery_send" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_recovery_send_cart_id_step_unique" ON "retention_recovery_send" ("cart_id", "step") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_recovery_send_email_sent_at" ON "retention_recovery_send" ("email", "sent_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_recovery_send_campaign_id_sent_at" ON "retention_recovery_send" ("campaign_id", "sent_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_tracked_cart" ("id" text not null, "cart_id" text not null, "email" text not null, "customer_id" text null, "currency_code" text not null, "value" numeric not null, "region_id" text null, "sales_channel_id" text null, "last_activity_at" timestamptz not null, "status" text check ("status" in ('active', 'abandoned', 'emailed', 'recovered', 'converted', 'expired', 'opted_out')) not null default 'active', "current_step" integer not null default 0, "next_action_at" timestamptz null, "campaign_id" text null, "holdout" boolean not null default false, "variants" jsonb null, "attempts" integer not null default 0, "abandoned_at" timestamptz null, "last_sent_at" timestamptz null, "order_id" text null, "ordered_at" timestamptz null, "order_total" numeric null, "recovered_step" integer null, "recovered_variant" integer null, "raw_value" jsonb not null, "raw_order_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_tracked_cart_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_cart_id_unique" ON "retention_tracked_cart" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_deleted_at" ON "retention_tracked_cart" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_status_next_action_at" ON "retention_tracked_cart" ("status", "next_action_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_email" ON "retention_tracked_cart" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_tracked_cart_campaign_id_status" ON "retention_tracked_cart" ("campaign_id", "status") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_recovery_campaign" cascade;`);

    this.addSql(`drop table if exists "retention_recovery_send" cascade;`);

    this.addSql(`drop table if exists "retention_tracked_cart" cascade;`);
  }

}
