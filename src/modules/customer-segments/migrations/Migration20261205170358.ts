import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205170358 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "retention_rfm_snapshot" ("id" text not null, "run_id" text not null, "computed_at" timestamptz not null, "currency_code" text not null, "segment" text not null, "customers" integer not null, "revenue" numeric not null, "raw_revenue" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_rfm_snapshot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_snapshot_deleted_at" ON "retention_rfm_snapshot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_snapshot_computed_at" ON "retention_rfm_snapshot" ("computed_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_rfm_snapshot_run_id" ON "retention_rfm_snapshot" ("run_id") WHERE deleted_at IS NULL;`);
    // The runs kept so far become the first snapshots.
    this.addSql(`insert into "retention_rfm_snapshot" ("id", "run_id", "computed_at", "currency_code", "segment", "customers", "revenue", "raw_revenue")
      select 'rfmsnap_' || replace(gen_random_uuid()::text, '-', ''), r.id, r.computed_at, s.currency_code, s.segment, count(*), sum(s.revenue),
        jsonb_build_object('value', sum(s.revenue)::text, 'precision', 20)
      from "retention_rfm_run" r join "retention_rfm_score" s on s.run_id = r.id and s.deleted_at is null
      where r.deleted_at is null group by r.id, r.computed_at, s.currency_code, s.segment;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_rfm_snapshot" cascade;`);
  }

}
