import { model } from "@medusajs/framework/utils"

// Append-only history of consent changes (never updated or deleted).
export const ConsentLog = model
  .define("retention_consent_log", {
    id: model.id({ prefix: "rclg" }).primaryKey(),
    email: model.text(),
    topic: model.text(),
    status: model.enum(["granted", "revoked"]),
    source: model.text(),
    // Actor or evidence: admin user id, message id of the unsubscribe link, IP is not stored.
    reference: model.text().nullable(),
    // Why it changed, when a person recorded it (e.g. "asked by phone").
    note: model.text().nullable(),
    recorded_at: model.dateTime(),
  })
  .indexes([{ on: ["email", "recorded_at"] }])
