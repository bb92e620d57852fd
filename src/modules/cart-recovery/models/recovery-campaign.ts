import { model } from "@medusajs/framework/utils"

export const CAMPAIGN_STATUSES = ["draft", "active", "paused"] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

// An abandoned-cart sequence. Steps, filters and budgets are JSON validated by the zod schemas
// in ../campaign-config.ts wherever they enter (admin API, default campaign).
export const RecoveryCampaign = model
  .define("retention_recovery_campaign", {
    id: model.id({ prefix: "rcamp" }).primaryKey(),
    name: model.text(),
    status: model.enum([...CAMPAIGN_STATUSES]).default("draft"),
    // CampaignStep[]: delay after the cart went quiet, template, subject variants, discount.
    steps: model.json(),
    // CampaignFilters: min value per currency, regions, sales channels, customer groups.
    filters: model.json().nullable(),
    // Share of carts (0–100) deterministically kept out of every email, to measure lift.
    holdout_percent: model.number().default(0),
    // An order within this many days of a recovery email counts as recovered.
    attribution_window_days: model.number().default(7),
    // At most `cap_per_address` emails of this campaign per address per `cap_window_hours`,
    // counting the address's other carts (a cart's own steps are spaced by their delays); on
    // top of the shared send policy.
    cap_per_address: model.number().default(1),
    cap_window_hours: model.number().default(24),
    // Activity after a step: "restart" the sequence from step 1, or "continue" with the next step.
    on_activity: model.enum(["restart", "continue"]).default("restart"),
    // Attempts per step before it is marked failed; then the sequence moves on or stops.
    max_attempts: model.number().default(3),
    on_step_failure: model.enum(["next_step", "stop"]).default("next_step"),
    // { [currency_code]: max total discount } drawn from a Medusa campaign spend budget.
    discount_budget: model.json().nullable(),
    // CampaignQuietHours: this campaign's own quiet hours in the recipient's time zone, replacing
    // the store-wide setting for its emails; null = the store-wide setting.
    quiet_hours: model.json().nullable(),
    // Order among active campaigns whose audiences overlap: a fresh cart joins the first one (lowest
    // priority number) it matches; ties by creation.
    priority: model.number().default(0),
    // Set on the plugin's own default campaign (one at most, guarded by a unique index).
    is_default: model.boolean().default(false),
  })
  .indexes([{ on: ["is_default"], unique: true, where: "is_default = true AND deleted_at IS NULL" }])
