import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205163239 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_product_sales" drop constraint if exists "retention_product_sales_product_id_unique";`);
    this.addSql(`create table if not exists "retention_product_sales" ("id" text not null, "product_id" text not null, "collection_id" text null, "orders" integer not null, "computed_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "retention_product_sales_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_product_sales_deleted_at" ON "retention_product_sales" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_retention_product_sales_product_id_unique" ON "retention_product_sales" ("product_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_product_sales_collection_id_orders" ON "retention_product_sales" ("collection_id", "orders") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_product_sales_orders" ON "retention_product_sales" ("orders") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "retention_product_sales" cascade;`);
  }

}
