import { model } from "@medusajs/framework/utils"

export const MESSAGE_STATUSES = [
  "queued", // row exists, nothing attempted yet
  "sending", // a worker claimed it and is talking to the provider
  "sent", // the provider accepted it (SendGrid 202)
  "delivered",
  "opened",
  "clicked",
  "deferred", // the send policy said "not now" (quiet hours, frequency cap); the feature retries
  "retrying", // a temporary provider failure (5xx, 429, network); next_attempt_at says when again
  "suppressed", // the send policy said "never" (consent, suppression, paused campaign)
  "failed", // permanent provider error, or transient retries exhausted
  "bounced",
  "unknown", // the process died mid-send: nobody knows whether it went; never resent blindly
] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

// One row per email, written before anything is sent, keyed by the feature's deterministic
// idempotency key (e.g. `cart-recovery:<cart_id>:<step>`): a second send with the same key
// finds this row and sends nothing.
export const Message = model
  .define("retention_message", {
    id: model.id({ prefix: "rmsg" }).primaryKey(),
    idempotency_key: model.text().unique(),
    topic: model.enum(["cart_recovery", "lifecycle", "nps", "loyalty", "replenishment", "system"]),
    category: model.enum(["marketing", "transactional"]),
    template: model.text(),
    locale: model.text(),
    // Always lower-cased, so consent, caps and suppressions match whatever case was typed.
    to_email: model.text(),
    customer_id: model.text().nullable(),
    // Campaign (or other source) that asked for the send; the deliverability guard pauses it.
    campaign_id: model.text().nullable(),
    status: model.enum([...MESSAGE_STATUSES]).default("queued"),
    status_reason: model.text().nullable(),
    deferred_until: model.dateTime().nullable(),
    // When a deferred or retrying row is due again; the retry job reads due rows by it.
    next_attempt_at: model.dateTime().nullable(),
    // Start of the retry window (see retry-policy.ts): the first temporary failure in a row.
    first_failed_at: model.dateTime().nullable(),
    subject: model.text().nullable(),
    html: model.text().nullable(),
    text: model.text().nullable(),
    // Template variables as sent, for the admin's "as the recipient saw it" view and resends.
    data: model.json().nullable(),
    provider_id: model.text().nullable(),
    // How the last attempt reached the provider: "direct" (the provider the Notification Module
    // loaded for the plugin's channel, called by the send step) or "notification_module"
    // (createNotifications, which also writes a notification record). Settling a stale send
    // depends on it.
    dispatch: model.enum(["direct", "notification_module"]).nullable(),
    provider_message_id: model.text().nullable(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    sending_started_at: model.dateTime().nullable(),
    sent_at: model.dateTime().nullable(),
    delivered_at: model.dateTime().nullable(),
    opened_at: model.dateTime().nullable(),
    clicked_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["to_email", "created_at"] },
    { on: ["status", "created_at"] },
    { on: ["topic", "created_at"] },
    { on: ["campaign_id", "created_at"] },
    { on: ["provider_message_id"] },
    { on: ["customer_id"] },
    { on: ["next_attempt_at"], where: "status IN ('deferred', 'retrying') AND deleted_at IS NULL" },
  ])
