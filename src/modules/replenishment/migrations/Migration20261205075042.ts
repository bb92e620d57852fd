import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205075042 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_replenishment_prediction" add column if not exists "cart_id" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "retention_replenishment_prediction" drop column if exists "cart_id";`);
  }

}
