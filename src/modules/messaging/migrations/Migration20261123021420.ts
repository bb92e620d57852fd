import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123021420 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_template_override" drop constraint if exists "retention_template_override_template_locale_unique";`);
    this.addSql(`alter table if exists "retention_suppression" drop constraint if exists "retention_suppression_email_reason_unique";`);
    this.addSql(`alter table if exists "retention_send_pause" drop constraint if exists "retention_send_pause_scope_unique";`);
    this.addSql(`alter table if exists "retention_message_event" drop constraint if exists "retention_message_event_sg_event_id_unique";`);
    this.addSql(`alter table if exists "retention_message" drop constraint if exists "retention_message_idempotency_key_unique";`);
    this.addSql(`alter table if exists "retention_consent" drop constraint if exists "retention_consent_email_topic_unique";`);
    this.addSql(`create table if not exists "retention_consent" ("id" text not null, "email" text not null, "topic" text not null, "status" text check ("status" in ('granted', 'revoked')) not null, "source" text not null, "recorded_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_consent_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_consent_deleted_at" ON "retention_consent" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_consent_email_topic_unique" ON "retention_consent" ("email", "topic") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_consent_log" ("id" text not null, "email" text not null, "topic" text not null, "status" text check ("status" in ('granted', 'revoked')) not null, "source" text not null, "reference" text null, "recorded_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_consent_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_consent_log_deleted_at" ON "retention_consent_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_consent_log_email_recorded_at" ON "retention_consent_log" ("email", "recorded_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_message" ("id" text not null, "idempotency_key" text not null, "topic" text check ("topic" in ('cart_recovery', 'nps', 'loyalty', 'replenishment', 'system')) not null, "category" text check ("category" in ('marketing', 'transactional')) not null, "template" text not null, "locale" text not null, "to_email" text not null, "customer_id" text null, "campaign_id" text null, "status" text check ("status" in ('queued', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'deferred', 'suppressed', 'failed', 'bounced', 'unknown')) not null default 'queued', "status_reason" text null, "deferred_until" timestamptz null, "subject" text null, "html" text null, "text" text null, "data" jsonb null, "provider_id" text null, "provider_message_id" text null, "attempts" integer not null default 0, "last_error" text null, "sending_started_at" timestamptz null, "sent_at" timestamptz null, "delivered_at" timestamptz null, "opened_at" timestamptz null, "clicked_at" timestamptz null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_message_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_message_idempotency_key_unique" ON "retention_message" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_deleted_at" ON "retention_message" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_to_email_created_at" ON "retention_message" ("to_email", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_status_created_at" ON "retention_message" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_topic_created_at" ON "retention_message" ("topic", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_campaign_id_created_at" ON "retention_message" ("campaign_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_provider_message_id" ON "retention_message" ("provider_message_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_customer_id" ON "retention_message" ("customer_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_message_event" ("id" text not null, "message_id" text null, "type" text not null, "sg_event_id" text null, "occurred_at" timestamptz not null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_message_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_event_deleted_at" ON "retention_message_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_message_event_sg_event_id_unique" ON "retention_message_event" ("sg_event_id") WHERE sg_event_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_event_message_id_occurred_at" ON "retention_message_event" ("message_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_message_event_type_occurred_at" ON "retention_message_event" ("type", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_send_pause" ("id" text not null, "scope" text not null, "reason" text not null, "complaint_rate" integer null, "sample_size" integer null, "resumed_at" timestamptz null, "resumed_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_send_pause_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_send_pause_deleted_at" ON "retention_send_pause" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_send_pause_scope_unique" ON "retention_send_pause" ("scope") WHERE resumed_at IS NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_suppression" ("id" text not null, "email" text not null, "reason" text check ("reason" in ('hard_bounce', 'spam_complaint', 'unsubscribe', 'manual')) not null, "source" text not null, "message_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_suppression_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_suppression_deleted_at" ON "retention_suppression" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_suppression_email_reason_unique" ON "retention_suppression" ("email", "reason") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "retention_template_override" ("id" text not null, "template" text not null, "locale" text not null, "subject" text null, "mjml" text null, "version" integer not null default 1, "updated_by" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_template_override_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_template_override_deleted_at" ON "retention_template_override" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_template_override_template_locale_unique" ON "retention_template_override" ("template", "locale") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_consent" cascade;`);

    this.addSql(`drop table if exists "retention_consent_log" cascade;`);

    this.addSql(`drop table if exists "retention_message" cascade;`);

    this.addSql(`drop table if exists "retention_message_event" cascade;`);

    this.addSql(`drop table if exists "retention_send_pause" cascade;`);

    this.addSql(`drop table if exists "retention_suppression" cascade;`);

    this.addSql(`drop table if exists "retention_template_override" cascade;`);
  }

}
