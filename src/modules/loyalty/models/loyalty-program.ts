import { model } from "@medusajs/framework/utils"

// The program settings: one row (key "default"), validated by programSettingsSchema.
export const LoyaltyProgram = model.define("retention_loyalty_program", {
  id: model.id({ prefix: "rlprg" }).primaryKey(),
  key: model.text().unique(),
  settings: model.json(),
  updated_by: model.text().nullable(),
})
