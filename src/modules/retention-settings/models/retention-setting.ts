import { model } from "@medusajs/framework/utils"

// One row per settings section ("brand", "consent", ...). Values are validated by the
// section's zod schema on the way in, so the JSON column never holds an unchecked shape.
export const RetentionSetting = model.define("retention_setting", {
  id: model.id({ prefix: "rset" }).primaryKey(),
  section: model.text().unique(),
  values: model.json(),
  // Bumped on every save; the change log is keyed by (section, version).
  version: model.number().default(1),
  // Admin user id of the last editor, null when written by the plugin itself.
  updated_by: model.text().nullable(),
})
