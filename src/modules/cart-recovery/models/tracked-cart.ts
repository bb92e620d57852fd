import { model } from "@medusajs/framework/utils"

export const TRACKED_CART_STATUSES = [
  "active", // has an email and items; the clock runs from the last activity
  "abandoned", // quiet past the first step, not emailed (holdout, or every step skipped)
  "emailed", // at least one recovery email went out
  "recovered", // ordered within the attribution window of a recovery email
  "converted", // ordered without the help of a recovery email (or through another cart)
  "expired", // the sequence ran out without an order
  "opted_out", // the address may not receive cart-recovery email
] as const
export type TrackedCartStatus = (typeof TRACKED_CART_STATUSES)[number]

// Recovery state of one cart, kept here rather than in `cart.metadata`. The scheduler reads
// only rows whose `next_action_at` is due, through a partial index on it (see below).
export const TrackedCart = model
  .define("retention_tracked_cart", {
    id: model.id({ prefix: "rtcart" }).primaryKey(),
    cart_id: model.text().unique(),
    // Lower-cased, so orders and caps match whatever case was typed.
    email: model.text(),
    customer_id: model.text().nullable(),
    currency_code: model.text(),
    value: model.bigNumber(),
    region_id: model.text().nullable(),
    sales_channel_id: model.text().nullable(),
    // Last time the cart changed (Medusa does not bump cart.updated_at when items are added).
    last_activity_at: model.dateTime(),
    status: model.enum([...TRACKED_CART_STATUSES]).default("active"),
    // Index of the next step to run (0 = first step); equals steps.length when done.
    current_step: model.number().default(0),
    next_action_at: model.dateTime().nullable(),
    campaign_id: model.text().nullable(),
    holdout: model.boolean().default(false),
    // { [step_index]: variant_index } chosen deterministically per cart.
    variants: model.json().nullable(),
    // Attempts of the current step (provider failures); reset when the step moves.
    attempts: model.number().default(0),
    abandoned_at: model.dateTime().nullable(),
    last_sent_at: model.dateTime().nullable(),
    order_id: model.text().nullable(),
    ordered_at: model.dateTime().nullable(),
    order_total: model.bigNumber().nullable(),
    // Step and subject variant credited with the recovery (last touch within the window).
    recovered_step: model.number().nullable(),
    recovered_variant: model.number().nullable(),
  })
  .indexes([
    // The scheduler's index: only carts that can still be due, in due order, so a tick reads the
    // first `limit` due rows and stops, however many carts are tracked or finished.
    { on: ["next_action_at"], where: "status IN ('active', 'abandoned', 'emailed') AND deleted_at IS NULL" },
    { on: ["email"] },
    { on: ["campaign_id", "status"] },
  ])
