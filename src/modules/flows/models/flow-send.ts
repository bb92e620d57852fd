import { model } from "@medusajs/framework/utils"

export const FLOW_SEND_STATUSES = ["sent", "skipped", "failed"] as const

// One row per (entry, step) that went out or was given up on; the message log holds delivery
// details under the same idempotency key. Orders are credited here (last touch).
export const FlowSend = model
  .define("retention_flow_send", {
    id: model.id({ prefix: "rfsend" }).primaryKey(),
    // `flow:<flow_id>:<subject_id>:<step>`, shared with the message log.
    idempotency_key: model.text().unique(),
    flow_id: model.text(),
    entry_id: model.text(),
    customer_id: model.text(),
    email: model.text(),
    // Step number as the admin sees it (1-based).
    step: model.number(),
    variant: model.number().default(0),
    subject: model.text().nullable(),
    status: model.enum([...FLOW_SEND_STATUSES]),
    status_reason: model.text().nullable(),
    message_id: model.text().nullable(),
    promotion_id: model.text().nullable(),
    promotion_code: model.text().nullable(),
    // Flow codes expire here (Medusa promotions have none); the tick switches them off after.
    promotion_expires_at: model.dateTime().nullable(),
    promotion_disabled_at: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
    // The order credited to this email (last flow email within the window before the order).
    order_id: model.text().nullable(),
    order_total: model.bigNumber().nullable(),
    order_currency_code: model.text().nullable(),
    ordered_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["entry_id", "step"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id", "sent_at"] },
    { on: ["flow_id", "sent_at"] },
    // An order is credited to one email at most.
    { on: ["order_id"], unique: true, where: "order_id IS NOT NULL AND deleted_at IS NULL" },
  ])
