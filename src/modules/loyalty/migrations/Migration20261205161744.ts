import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205161744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_loyalty_liability" drop constraint if exists "retention_loyalty_liability_customer_id_currency_code_unique";`);
    this.addSql(`create table if not exists "retention_loyalty_liability" ("id" text not null, "customer_id" text not null, "currency_code" text not null, "credited" integer not null, "points" numeric not null, "raw_points" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_loyalty_liability_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_loyalty_liability_deleted_at" ON "retention_loyalty_liability" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_loyalty_liability_customer_id_currency_code_unique" ON "retention_loyalty_liability" ("customer_id", "currency_code") WHERE deleted_at IS NULL;`);
    // Fill the cache from the ledger as it stands (the service keeps it in step from now on).
    this.addSql(`insert into "retention_loyalty_liability" ("id", "customer_id", "currency_code", "credited", "points", "raw_points")
      select 'rlliab_' || replace(gen_random_uuid()::text, '-', ''), c.customer_id, c.currency_code, c.credited, t.points,
        jsonb_build_object('value', t.points::text, 'precision', 20)
      from (select customer_id, coalesce(currency_code, 'none') as currency_code, sum(points) as credited,
              sum(points)::numeric / nullif(sum(sum(points)) over (partition by customer_id), 0) as share
            from "retention_loyalty_entry" where points > 0 and type in ('earn', 'bonus', 'adjust') and deleted_at is null
            group by customer_id, coalesce(currency_code, 'none')) c
      left join "retention_loyalty_account" a on a.customer_id = c.customer_id and a.deleted_at is null
      cross join lateral (select coalesce(a.available * c.share, 0) as points) t
      on conflict ("customer_id", "currency_code") where deleted_at is null do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_loyalty_liability" cascade;`);
  }

}
