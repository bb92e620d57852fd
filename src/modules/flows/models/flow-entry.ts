import { model } from "@medusajs/framework/utils"

export const ENTRY_STATES = [
  "active", // steps still to run; next_action_at says when
  "completed", // every step handled
  "exited", // ended early: exit rule (ordered), opted out, no longer in the audience…
  "held_out", // in the holdout group: never emailed, watched for conversions
] as const
export type EntryState = (typeof ENTRY_STATES)[number]

// One customer's passage through one flow, started by one trigger (the sign-up, an order, a
// year's birthday, a lapse after a given last order). (flow_id, customer_id, trigger_key) is
// unique, so a repeated event starts nothing twice.
export const FlowEntry = model
  .define("retention_flow_entry", {
    id: model.id({ prefix: "rfent" }).primaryKey(),
    flow_id: model.text(),
    customer_id: model.text(),
    // Lower-cased address the entry writes to.
    email: model.text(),
    // What started it: "signup", the order id, the year, the last order id before the lapse.
    trigger_key: model.text(),
    state: model.enum([...ENTRY_STATES]).default("active"),
    // Index of the next step to run (0 = first); equals steps.length when done.
    step: model.number().default(0),
    // The moment step delays count from (sign-up, delivery or assumed delivery, birthday, lapse).
    anchor_at: model.dateTime(),
    next_action_at: model.dateTime().nullable(),
    holdout: model.boolean().default(false),
    // Attempts of the current step (no usable answer from messaging); reset when the step moves.
    attempts: model.number().default(0),
    // Facts of the trigger the emails show: order id, currency, birthday year …
    context: model.json().nullable(),
    exit_reason: model.text().nullable(),
    last_sent_at: model.dateTime().nullable(),
    ended_at: model.dateTime().nullable(),
    // An order placed during the entry (or the attribution window after it): holdout lift.
    converted_order_id: model.text().nullable(),
    converted_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["flow_id", "customer_id", "trigger_key"], unique: true, where: "deleted_at IS NULL" },
    // The scheduler's index: only active entries, in due order, so a tick reads the first `limit`
    // due rows and stops however many entries exist.
    { name: "IDX_retention_flow_entry_due", on: ["next_action_at"], where: "state = 'active' AND deleted_at IS NULL" },
    { on: ["customer_id", "state"] },
    { on: ["flow_id", "state"] },
  ])
