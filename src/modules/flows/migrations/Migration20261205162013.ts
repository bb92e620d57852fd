import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205162013 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_flow_send" drop constraint if exists "retention_flow_send_order_id_unique";`);
    this.addSql(`alter table if exists "retention_flow_send" drop constraint if exists "retention_flow_send_entry_id_step_unique";`);
    this.addSql(`alter table if exists "retention_flow_send" drop constraint if exists "retention_flow_send_idempotency_key_unique";`);
    this.addSql(`alter table if exists "retention_flow_entry" drop constraint if exists "retention_flow_entry_flow_id_customer_id_trigger_key_unique";`);
    this.addSql(`alter table if exists "retention_flow" drop constraint if exists "retention_flow_kind_unique";`);
    this.addSql(`create table if not exists "retention_flow" ("id" text not null, "kind" text check ("kind" in ('welcome', 'post_purchase', 'birthday', 'win_back')) not null, "name" text not null, "status" text check ("status" in ('active', 'paused')) not null default 'paused', "priority" integer not null default 0, "trigger" jsonb not null, "audience" jsonb null, "steps" jsonb not null, "holdout_percent" integer not null default 0, "quiet_hours" jsonb null, "exit_rule" text check ("exit_rule" in ('order_placed', 'none')) not null default 'none', "attribution_window_days" integer not null default 7, "discount_budget" jsonb null, "is_default" boolean not null default false, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_flow_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_deleted_at" ON "retention_flow" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_flow_kind_unique" ON "retention_flow" ("kind") WHERE is_default = true AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_flow_entry" ("id" text not null, "flow_id" text not null, "customer_id" text not null, "email" text not null, "trigger_key" text not null, "state" text check ("state" in ('active', 'completed', 'exited', 'held_out')) not null default 'active', "step" integer not null default 0, "anchor_at" timestamptz not null, "next_action_at" timestamptz null, "holdout" boolean not null default false, "attempts" integer not null default 0, "context" jsonb null, "exit_reason" text null, "last_sent_at" timestamptz null, "ended_at" timestamptz null, "converted_order_id" text null, "converted_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_flow_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_entry_deleted_at" ON "retention_flow_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_flow_entry_flow_id_customer_id_trigger_key_unique" ON "retention_flow_entry" ("flow_id", "customer_id", "trigger_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_entry_due" ON "retention_flow_entry" ("next_action_at") WHERE state = 'active' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_entry_customer_id_state" ON "retention_flow_entry" ("customer_id", "state") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_entry_flow_id_state" ON "retention_flow_entry" ("flow_id", "state") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_flow_send" ("id" text not null, "idempotency_key" text not null, "flow_id" text not null, "entry_id" text not null, "customer_id" text not null, "email" text not null, "step" integer not null, "variant" integer not null default 0, "subject" text null, "status" text check ("status" in ('sent', 'skipped', 'failed')) not null, "status_reason" text null, "message_id" text null, "promotion_id" text null, "promotion_code" text null, "promotion_expires_at" timestamptz null, "promotion_disabled_at" timestamptz null, "sent_at" timestamptz null, "order_id" text null, "order_total" numeric null, "order_currency_code" text null, "ordered_at" timestamptz null, "raw_order_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_flow_send_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_flow_send_idempotency_key_unique" ON "retention_flow_send" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_send_deleted_at" ON "retention_flow_send" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_flow_send_entry_id_step_unique" ON "retention_flow_send" ("entry_id", "step") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_send_customer_id_sent_at" ON "retention_flow_send" ("customer_id", "sent_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_send_flow_id_sent_at" ON "retention_flow_send" ("flow_id", "sent_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_flow_send_order_id_unique" ON "retention_flow_send" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_flow_tick_lease" ("id" text not null, "holder" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_flow_tick_lease_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_flow_tick_lease_deleted_at" ON "retention_flow_tick_lease" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_flow" cascade;`);

    this.addSql(`drop table if exists "retention_flow_entry" cascade;`);

    this.addSql(`drop table if exists "retention_flow_send" cascade;`);

    this.addSql(`drop table if exists "retention_flow_tick_lease" cascade;`);
  }

}
