import { model } from "@medusajs/framework/utils"

// Audit trail of settings edits, written by a subscriber to `retention.settings_updated`.
// Unique on (section, version) so a redelivered event records nothing twice.
export const RetentionSettingsChange = model
  .define("retention_settings_change", {
    id: model.id({ prefix: "rsch" }).primaryKey(),
    section: model.text(),
    version: model.number(),
    changed_by: model.text().nullable(),
    // { field: { from, to } } for each field that changed.
    changes: model.json(),
  })
  .indexes([{ on: ["section", "version"], unique: true }])
