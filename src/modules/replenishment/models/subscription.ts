import { model } from "@medusajs/framework/utils"

export const SUBSCRIPTION_STATUSES = ["active", "paused", "canceled", "payment_failed"] as const

// A customer's standing order: these items, at this interval, to this address.
export const Subscription = model
  .define("retention_subscription", {
    id: model.id({ prefix: "rsub" }).primaryKey(),
    customer_id: model.text(),
    // Lower-cased; where reminders and notices go.
    email: model.text(),
    // [{ variant_id, product_id, quantity, title, variant_title }]
    items: model.json(),
    // Interval code: "4w", "30d", "1m".
    interval: model.text(),
    // The current period's scheduled date: its run key, its reminder, the base of the next one.
    period_at: model.dateTime(),
    // When the tick next acts: the period's date, or later for a payment retry or an
    // out-of-stock postponement (the due index reads it).
    next_run_at: model.dateTime(),
    status: model.enum([...SUBSCRIPTION_STATUSES]).default("active"),
    // A paused subscription resumes itself at this moment (null: paused until resumed).
    paused_until: model.dateTime().nullable(),
    region_id: model.text(),
    currency_code: model.text(),
    sales_channel_id: model.text().nullable(),
    shipping_address: model.json(),
    shipping_option_id: model.text().nullable(),
    // The payment provider renewals use, and the saved method's reference at that provider
    // (e.g. a Stripe payment method id); a store's resolveRenewalPayment hook reads them.
    payment_provider_id: model.text(),
    payment_reference: model.text().nullable(),
    // Whole percent off the subscribed items (subscribe-and-save), copied from the plan.
    discount_percent: model.number().nullable(),
    // One renewal's items after the discount, in the currency's main unit: set when subscribing
    // and after every renewal; recurring revenue and "due in 7 days" sum it.
    renewal_value: model.float().nullable(),
    locale: model.text().nullable(),
    // The order and line item it was created from: one subscription per (order, item).
    origin_order_id: model.text().nullable(),
    origin_item_id: model.text().nullable(),
    cancel_reason: model.text().nullable(),
    canceled_at: model.dateTime().nullable(),
    renewal_count: model.number().default(0),
    skipped_count: model.number().default(0),
    failed_count: model.number().default(0),
    // The period whose reminder has been sent (the reminder job's guard; the email key is the other).
    reminded_period: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    // The renewal tick reads only active, due rows.
    { name: "IDX_retention_subscription_due", on: ["next_run_at"], where: "status = 'active' AND deleted_at IS NULL" },
    // The tick's resumptions read only paused rows with an end date.
    { name: "IDX_retention_subscription_resume", on: ["paused_until"], where: "status = 'paused' AND paused_until IS NOT NULL AND deleted_at IS NULL" },
    { on: ["customer_id"] },
    { on: ["status"] },
    { on: ["origin_order_id", "origin_item_id"], unique: true, where: "origin_item_id IS NOT NULL AND deleted_at IS NULL" },
  ])
