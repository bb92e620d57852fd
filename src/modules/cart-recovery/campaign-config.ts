import { z } from "@medusajs/framework/zod"
import { getTemplate } from "../../emails/registry"
import { quietHoursSchema } from "../../lib/time-zone"
import { SEGMENTS } from "../customer-segments/rules"

// Said plainly: zod's "Too small: expected number to be >=0" reads like a type error.
const NOT_NEGATIVE = "must not be negative"

const currencyCode = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, "must be a 3-letter currency code")
  .transform((c) => c.toLowerCase())

export const discountSchema = z
  .object({
    type: z.enum(["percentage", "fixed"]),
    // Percent (1–100), or an amount in `currency_code`.
    value: z.number().positive("must be more than 0"),
    // Required for a fixed amount: 10 off means nothing without a currency, and the same number
    // in another currency could be a very different sum. Carts in other currencies get the step
    // without a code.
    currency_code: currencyCode.optional(),
    expires_in_hours: z.number().int().min(1).max(24 * 90).default(72),
  })
  .strict()
  .refine((d) => d.type !== "percentage" || d.value <= 100, { message: "a percentage must be at most 100", path: ["value"] })
  .refine((d) => d.type !== "fixed" || !!d.currency_code, {
    message: "is required for a fixed amount",
    path: ["currency_code"],
  })

/** The step's discount for a cart in `currency`, or null when it does not apply to it. */
export function discountForCurrency<D extends { type: "percentage" | "fixed"; currency_code?: string }>(
  discount: D | null | undefined,
  currency: string
): D | null {
  if (!discount) return null
  if (discount.type === "fixed" && discount.currency_code?.toLowerCase() !== currency.toLowerCase()) return null
  return discount
}

// A campaign's own quiet hours, in the recipient's time zone (their address country, else the
// store's). They replace the store-wide quiet hours (Settings → Consent) for this campaign's
// emails; `enabled: false` lets the campaign send at any hour. Null: the store-wide setting.
export const campaignQuietHoursSchema = quietHoursSchema.refine((q) => !q.enabled || q.start !== q.end, {
  message: "must differ from start",
  path: ["end"],
})

export type CampaignQuietHours = z.output<typeof campaignQuietHoursSchema>

export const stepSchema = z
  .object({
    // Hours after the cart went quiet (its last activity) when this step is due.
    delay_hours: z.number().min(0, NOT_NEGATIVE).max(24 * 60),
    template: z
      .string()
      .min(1)
      .refine((name) => getTemplate(name)?.topic === "cart_recovery", "must be a registered cart-recovery template")
      .default("cart-reminder"),
    // Subject variants, split evenly and deterministically per cart. Empty = template subject.
    // `{{customerName}}` and `{{storeName}}` are filled in.
    subjects: z.array(z.string().trim().min(1).max(200)).max(5).default([]),
    discount: discountSchema.nullable().default(null),
  })
  .strict()

export const filtersSchema = z
  .object({
    // { eur: 20 } = only carts worth at least 20 EUR; currencies not listed have no minimum.
    min_value: z.record(currencyCode, z.number().min(0, NOT_NEGATIVE)).default({}),
    region_ids: z.array(z.string().min(1)).default([]),
    sales_channel_ids: z.array(z.string().min(1)).default([]),
    customer_group_ids: z.array(z.string().min(1)).default([]),
    exclude_customer_group_ids: z.array(z.string().min(1)).default([]),
    // RFM segments (customer-segments rules) of the cart's customer in the cart's currency, at
    // the newest computation; a customer without orders has none and is left out.
    segments: z.array(z.enum([...SEGMENTS], { message: `must be one of ${SEGMENTS.join(", ")}` })).default([]),
  })
  .strict()

export type CampaignStep = z.output<typeof stepSchema>
export type CampaignFilters = z.output<typeof filtersSchema>
export type StepDiscount = z.output<typeof discountSchema>

const stepsSchema = z
  .array(stepSchema)
  .min(1, "a campaign needs at least one step")
  .max(10)
  .refine((steps) => steps.every((s, i) => i === 0 || s.delay_hours > steps[i - 1].delay_hours), {
    message: "each step's delay must be longer than the previous step's",
  })

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  steps: stepsSchema,
  filters: filtersSchema.default({
    min_value: {},
    region_ids: [],
    sales_channel_ids: [],
    customer_group_ids: [],
    exclude_customer_group_ids: [],
    segments: [],
  }),
  holdout_percent: z.number().min(0, NOT_NEGATIVE).max(50).default(0),
  attribution_window_days: z.number().int().min(1).max(30).default(7),
  cap_per_address: z.number().int().min(1).max(20).default(1),
  cap_window_hours: z.number().int().min(1).max(24 * 30).default(24),
  on_activity: z.enum(["restart", "continue"]).default("restart"),
  max_attempts: z.number().int().min(1).max(10).default(3),
  on_step_failure: z.enum(["next_step", "stop"]).default("next_step"),
  discount_budget: z.record(currencyCode, z.number().positive()).nullable().default(null),
  quiet_hours: campaignQuietHoursSchema.nullable().default(null),
}

export const createCampaignSchema = z
  .object({ ...campaignFields, status: z.enum(["draft", "active", "paused"]).default("draft") })
  .strict()

export const updateCampaignSchema = z
  .object({
    name: campaignFields.name.optional(),
    steps: stepsSchema.optional(),
    filters: filtersSchema.optional(),
    holdout_percent: z.number().min(0, NOT_NEGATIVE).max(50).optional(),
    attribution_window_days: z.number().int().min(1).max(30).optional(),
    cap_per_address: z.number().int().min(1).max(20).optional(),
    cap_window_hours: z.number().int().min(1).max(24 * 30).optional(),
    on_activity: z.enum(["restart", "continue"]).optional(),
    max_attempts: z.number().int().min(1).max(10).optional(),
    on_step_failure: z.enum(["next_step", "stop"]).optional(),
    discount_budget: z.record(currencyCode, z.number().positive()).nullable().optional(),
    quiet_hours: campaignQuietHoursSchema.nullable().optional(),
  })
  .strict()

export type CreateCampaignInput = z.output<typeof createCampaignSchema>
export type UpdateCampaignInput = z.output<typeof updateCampaignSchema>

/** The campaign the plugin creates when a store has none: 1 h reminder, 24 h with 10 %, 72 h last call. */
export const DEFAULT_CAMPAIGN: CreateCampaignInput = createCampaignSchema.parse({
  name: "Abandoned cart (default)",
  status: "active",
  steps: [
    { delay_hours: 1, subjects: [] },
    {
      delay_hours: 24,
      subjects: ["Here is 10% off the cart you left", "Still thinking it over? Take 10% off"],
      discount: { type: "percentage", value: 10, expires_in_hours: 72 },
    },
    { delay_hours: 72, subjects: ["Last call: your cart at {{storeName}} expires soon"] },
  ],
})

/** Steps as stored (JSON column), checked on the way out as on the way in. */
export function parseSteps(value: unknown): CampaignStep[] {
  return z.array(stepSchema).parse(value ?? [])
}

export function parseFilters(value: unknown): CampaignFilters | null {
  return value ? filtersSchema.parse(value) : null
}

export function parseQuietHours(value: unknown): CampaignQuietHours | null {
  return value ? campaignQuietHoursSchema.parse(value) : null
}

export function parseBudget(value: unknown): Record<string, number> | null {
  return value ? z.record(z.string(), z.number()).parse(value) : null
}
