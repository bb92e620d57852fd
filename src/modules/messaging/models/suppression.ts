import { model } from "@medusajs/framework/utils"

// Addresses that must not receive marketing email: hard bounces, spam complaints, provider
// unsubscribes, manual blocks. One row per (email, reason).
export const Suppression = model
  .define("retention_suppression", {
    id: model.id({ prefix: "rsup" }).primaryKey(),
    email: model.text(),
    reason: model.enum(["hard_bounce", "spam_complaint", "unsubscribe", "manual"]),
    source: model.text(),
    message_id: model.text().nullable(),
  })
  .indexes([{ on: ["email", "reason"], unique: true }])
