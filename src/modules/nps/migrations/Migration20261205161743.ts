import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261205161743 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_retention_nps_survey_sent_at" ON "retention_nps_survey" ("sent_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_retention_nps_survey_sent_at";`);
  }

}
