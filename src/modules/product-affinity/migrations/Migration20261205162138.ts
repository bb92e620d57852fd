import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205162138 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_product_affinity" drop constraint if exists "retention_product_affinity_product_id_related_product_id_unique";`);
    this.addSql(`create table if not exists "retention_product_affinity" ("id" text not null, "product_id" text not null, "related_product_id" text not null, "orders" integer not null, "rank" integer not null, "computed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_product_affinity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_product_affinity_deleted_at" ON "retention_product_affinity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_product_affinity_product_id_related_product_id_unique" ON "retention_product_affinity" ("product_id", "related_product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_product_affinity_product_id_rank" ON "retention_product_affinity" ("product_id", "rank") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_product_affinity" cascade;`);
  }

}
