import { Migration } from "@medusajs/framework/mikro-orm/migrations";

// The order's product ids on each survey, for the comment feed's product filter. Surveys
// scheduled before keep null (they match no product filter). The GIN index serves `@>`.
export class Migration20261123130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "retention_nps_survey" add column if not exists "product_ids" jsonb null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_survey_product_ids" ON "retention_nps_survey" USING GIN ("product_ids") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_retention_nps_survey_product_ids";`);
    this.addSql(`alter table if exists "retention_nps_survey" drop column if exists "product_ids";`);
  }

}
