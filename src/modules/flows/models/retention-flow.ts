import { model } from "@medusajs/framework/utils"
import { EXIT_RULES, FLOW_KINDS, FLOW_STATUSES } from "../flow-config"

// A lifecycle flow: what starts it (kind + trigger), who gets it (audience), its steps, and what
// ends it early (exit rule). JSON columns are validated by the zod schemas in ../flow-config.ts.
export const RetentionFlow = model
  .define("retention_flow", {
    id: model.id({ prefix: "rflow" }).primaryKey(),
    kind: model.enum([...FLOW_KINDS]),
    name: model.text(),
    status: model.enum([...FLOW_STATUSES]).default("paused"),
    // Order among flows of one kind: a trigger starts the first active flow (lowest number) whose
    // audience matches; ties by creation.
    priority: model.number().default(0),
    // FlowTrigger: the kind's start settings (delivery assumption, lapse factor …).
    trigger: model.json(),
    // FlowAudience: customer groups and RFM segments.
    audience: model.json().nullable(),
    // FlowStep[]: delay from the entry's anchor, template, subject variants, discount.
    steps: model.json(),
    // Share of entries (0–100) deterministically kept out of every email, to measure lift.
    holdout_percent: model.number().default(0),
    // This flow's quiet hours in the recipient's zone, replacing the store-wide ones; null = store's.
    quiet_hours: model.json().nullable(),
    // "order_placed": an order by the customer ends the entry (welcome, win-back).
    exit_rule: model.enum([...EXIT_RULES]).default("none"),
    // An order within this many days of a flow email is credited to it (last touch).
    attribution_window_days: model.number().default(7),
    // { [currency_code]: max total discount } of the flow's codes (Promotion Module budget).
    discount_budget: model.json().nullable(),
    // Set on the flow the plugin created for its kind (one per kind at most).
    is_default: model.boolean().default(false),
  })
  .indexes([{ on: ["kind"], unique: true, where: "is_default = true AND deleted_at IS NULL" }])
