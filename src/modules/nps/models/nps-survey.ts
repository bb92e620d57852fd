import { model } from "@medusajs/framework/utils"

export const SURVEY_STATUSES = ["scheduled", "sent", "skipped", "responded"] as const

// One survey per order, created at the order's first delivery.
export const NpsSurvey = model
  .define("retention_nps_survey", {
    id: model.id({ prefix: "npss" }).primaryKey(),
    order_id: model.text().unique(),
    order_display_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    // Lower-cased; the throttle counts surveys per address.
    email: model.text(),
    locale: model.text().nullable(),
    fulfillment_id: model.text(),
    delivered_at: model.dateTime(),
    status: model.enum([...SURVEY_STATUSES]).default("scheduled"),
    // Why a survey was skipped: throttled, disabled, suppressed:<reason>, no_email.
    skip_reason: model.text().nullable(),
    // When the scheduler sends it; moved forward while a send is leased or deferred.
    due_at: model.dateTime(),
    sent_at: model.dateTime().nullable(),
    message_id: model.text().nullable(),
    // The order's product ids (sorted, distinct) for the comment feed's product filter; null
    // on surveys scheduled before this column existed.
    product_ids: model.json().nullable(),
  })
  .indexes([
    { on: ["status", "due_at"] },
    // The Overview's and the NPS page's response rate: surveys sent in a range.
    { on: ["sent_at"] },
    { on: ["email", "created_at"] },
    { on: ["customer_id"] },
    { on: ["product_ids"], type: "GIN" },
  ])
