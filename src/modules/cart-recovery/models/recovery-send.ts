import { model } from "@medusajs/framework/utils"

export const SEND_STATUSES = ["sent", "skipped", "failed"] as const

// One row per (cart, step) that went out or was given up on; the message log in the
// messaging module holds delivery details under the same idempotency key.
export const RecoverySend = model
  .define("retention_recovery_send", {
    id: model.id({ prefix: "rsend" }).primaryKey(),
    // `cart-recovery:<cart_id>:<step>` (step numbered from 1), shared with the message log.
    idempotency_key: model.text().unique(),
    cart_id: model.text(),
    campaign_id: model.text(),
    email: model.text(),
    // Step number as the admin sees it (1-based).
    step: model.number(),
    variant: model.number().default(0),
    subject: model.text().nullable(),
    status: model.enum([...SEND_STATUSES]),
    status_reason: model.text().nullable(),
    message_id: model.text().nullable(),
    promotion_id: model.text().nullable(),
    promotion_code: model.text().nullable(),
    promotion_expires_at: model.dateTime().nullable(),
    promotion_disabled_at: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
    opened_at: model.dateTime().nullable(),
    clicked_at: model.dateTime().nullable(),
    click_count: model.number().default(0),
  })
  .indexes([
    { on: ["cart_id", "step"], unique: true },
    { on: ["email", "sent_at"] },
    { on: ["campaign_id", "sent_at"] },
  ])
