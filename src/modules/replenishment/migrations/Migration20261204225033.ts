import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204225033 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_subscription_run" drop constraint if exists "retention_subscription_run_key_unique";`);
    this.addSql(`alter table if exists "retention_subscription" drop constraint if exists "retention_subscription_origin_order_id_origin_item_id_unique";`);
    this.addSql(`alter table if exists "retention_replenishment_prediction" drop constraint if exists "retention_replenishment_prediction_key_unique";`);
    this.addSql(`alter table if exists "retention_replenishment_plan" drop constraint if exists "retention_replenishment_plan_product_id_variant_id_unique";`);
    this.addSql(`create table if not exists "retention_replenishment_plan" ("id" text not null, "product_id" text not null, "variant_id" text null, "intervals" jsonb not null, "default_interval" text not null, "discount_percent" integer null, "min_orders" integer not null default 0, "active" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_replenishment_plan_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_replenishment_plan_deleted_at" ON "retention_replenishment_plan" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_replenishment_plan_product_id_variant_id_unique" ON "retention_replenishment_plan" ("product_id", "variant_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_replenishment_prediction" ("id" text not null, "key" text not null, "customer_id" text not null, "variant_id" text not null, "last_order_id" text not null, "predicted_run_out_at" timestamptz not null, "interval_days" integer not null, "basis" text not null, "message_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_replenishment_prediction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_replenishment_prediction_deleted_at" ON "retention_replenishment_prediction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_replenishment_prediction_key_unique" ON "retention_replenishment_prediction" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_replenishment_prediction_customer_id" ON "retention_replenishment_prediction" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_replenishment_tick_lease" ("id" text not null, "holder" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_replenishment_tick_lease_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_replenishment_tick_lease_deleted_at" ON "retention_replenishment_tick_lease" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_subscription" ("id" text not null, "customer_id" text not null, "email" text not null, "items" jsonb not null, "interval" text not null, "period_at" timestamptz not null, "next_run_at" timestamptz not null, "status" text check ("status" in ('active', 'paused', 'canceled', 'payment_failed')) not null default 'active', "paused_until" timestamptz null, "region_id" text not null, "currency_code" text not null, "sales_channel_id" text null, "shipping_address" jsonb not null, "shipping_option_id" text null, "payment_provider_id" text not null, "payment_reference" text null, "discount_percent" integer null, "renewal_value" real null, "locale" text null, "origin_order_id" text null, "origin_item_id" text null, "cancel_reason" text null, "canceled_at" timestamptz null, "renewal_count" integer not null default 0, "skipped_count" integer not null default 0, "failed_count" integer not null default 0, "reminded_period" text null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_subscription_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_deleted_at" ON "retention_subscription" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_due" ON "retention_subscription" ("next_run_at") WHERE status = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_customer_id" ON "retention_subscription" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_status" ON "retention_subscription" ("status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_subscription_origin_order_id_origin_item_id_unique" ON "retention_subscription" ("origin_order_id", "origin_item_id") WHERE origin_item_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_subscription_event" ("id" text not null, "subscription_id" text not null, "actor_type" text check ("actor_type" in ('customer', 'admin', 'system')) not null, "actor_id" text null, "action" text not null, "detail" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_subscription_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_event_deleted_at" ON "retention_subscription_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_event_subscription_id_created_at" ON "retention_subscription_event" ("subscription_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_subscription_run" ("id" text not null, "subscription_id" text not null, "key" text not null, "period" text not null, "scheduled_for" timestamptz not null, "status" text check ("status" in ('pending', 'cart_created', 'ordered', 'skipped', 'failed')) not null default 'pending', "cart_id" text null, "order_id" text null, "attempts" integer not null default 0, "postponements" integer not null default 0, "next_retry_at" timestamptz null, "error" text null, "unavailable" jsonb null, "trigger" text not null default 'schedule', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_subscription_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_run_deleted_at" ON "retention_subscription_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_subscription_run_key_unique" ON "retention_subscription_run" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_run_subscription_id_scheduled_for" ON "retention_subscription_run" ("subscription_id", "scheduled_for") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_run_order_id" ON "retention_subscription_run" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_subscription_run_cart_id" ON "retention_subscription_run" ("cart_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_replenishment_plan" cascade;`);

    this.addSql(`drop table if exists "retention_replenishment_prediction" cascade;`);

    this.addSql(`drop table if exists "retention_replenishment_tick_lease" cascade;`);

    this.addSql(`drop table if exists "retention_subscription" cascade;`);

    this.addSql(`drop table if exists "retention_subscription_event" cascade;`);

    this.addSql(`drop table if exists "retention_subscription_run" cascade;`);
  }

}
