import { model } from "@medusajs/framework/utils"

// Current consent of one address for one topic, or for all marketing (`topic = "all"`).
// Each change is also appended to consent_log, so consent stays provable (who, when, how).
export const Consent = model
  .define("retention_consent", {
    id: model.id({ prefix: "rcon" }).primaryKey(),
    email: model.text(),
    topic: model.text(),
    status: model.enum(["granted", "revoked"]),
    // Where the decision came from: unsubscribe_link, one_click, preferences, admin, import, iys…
    source: model.text(),
    recorded_at: model.dateTime(),
  })
  .indexes([{ on: ["email", "topic"], unique: true }])
