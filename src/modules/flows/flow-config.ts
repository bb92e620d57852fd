import { z } from "@medusajs/framework/zod"
import { getTemplate } from "../../emails/registry"
import { campaignQuietHoursSchema, discountSchema } from "../cart-recovery/campaign-config"
import { SEGMENTS } from "../customer-segments/rules"

// A flow's configuration as JSON columns, validated by these schemas wherever it enters (admin
// API, the default flows) and again on the way out. Discounts and quiet hours are the cart
// campaigns' own schemas: one shape for every sequence the plugin runs.

export const FLOW_KINDS = ["welcome", "post_purchase", "birthday", "win_back"] as const
export type FlowKind = (typeof FLOW_KINDS)[number]

export const FLOW_STATUSES = ["active", "paused"] as const
export type FlowStatus = (typeof FLOW_STATUSES)[number]

// What ends a customer's entry before its steps run out.
export const EXIT_RULES = ["order_placed", "none"] as const
export type ExitRule = (typeof EXIT_RULES)[number]

const NOT_NEGATIVE = "must not be negative"

// A step as stored. Read back without the template check: a template removed since the flow
// was saved must not make the flow unreadable (its send fails and is reported instead).
const storedStepSchema = z
  .object({
    // Hours after the entry's anchor (sign-up, delivery, birthday, lapse) when this step is due.
    delay_hours: z.number().min(0, NOT_NEGATIVE).max(24 * 365),
    template: z.string().min(1).max(100),
    // Subject variants, split evenly and deterministically per customer. Empty = template subject.
    subjects: z.array(z.string().trim().min(1).max(200)).max(5).default([]),
    discount: discountSchema.nullable().default(null),
  })
  .strict()

export const flowStepSchema = storedStepSchema.extend({
  template: z
    .string()
    .min(1)
    .max(100)
    .refine((name) => !!getTemplate(name), "must be a registered template"),
})

export type FlowStep = z.output<typeof flowStepSchema>
export type FlowStepDiscount = NonNullable<FlowStep["discount"]>

export const flowStepsSchema = z
  .array(flowStepSchema)
  .min(1, "a flow needs at least one step")
  .max(10)
  .refine((steps) => steps.every((s, i) => i === 0 || s.delay_hours > steps[i - 1].delay_hours), {
    message: "each step's delay must be longer than the previous step's",
  })

// How each kind starts. Only the keys of the flow's own kind are read.
export const triggerSchema = z
  .object({
    // welcome: guests (no account) enter only when their address has marketing consent.
    guests_with_consent: z.boolean().default(true),
    // post_purchase: the first step's delay counts from delivery when Medusa reports one; until
    // then delivery is assumed this many days after the order.
    assume_delivery_after_days: z.number().min(0, NOT_NEGATIVE).max(90).default(5),
    // win_back: lapsed once the time since the last order passes the customer's median gap
    // between orders (store median for one-order customers) times this factor…
    lapse_factor: z.number().min(1).max(10).default(1.5),
    // …and at least this many days; store median unknown (fewer than two repeat orders): this.
    min_lapse_days: z.number().int().min(1).max(3650).default(30),
    // win_back: customers quiet for longer than this are not written to (a fresh install would
    // otherwise email everyone who ever ordered).
    max_lapse_days: z.number().int().min(1).max(3650).default(365),
  })
  .strict()

export type FlowTrigger = z.output<typeof triggerSchema>

export const audienceSchema = z
  .object({
    customer_group_ids: z.array(z.string().min(1).max(100)).max(100).default([]),
    exclude_customer_group_ids: z.array(z.string().min(1).max(100)).max(100).default([]),
    // RFM segments (customer-segments) of the customer in the currency of their last order, at
    // the newest computation; a customer without orders has none and is left out.
    segments: z.array(z.enum([...SEGMENTS], { message: `must be one of ${SEGMENTS.join(", ")}` })).default([]),
  })
  .strict()

export type FlowAudience = z.output<typeof audienceSchema>

const DEFAULT_TRIGGER = triggerSchema.parse({})
const DEFAULT_AUDIENCE = audienceSchema.parse({})

export const flowFields = {
  name: z.string().trim().min(1).max(200),
  status: z.enum([...FLOW_STATUSES]),
  priority: z.number().int().min(0).max(1000),
  trigger: triggerSchema,
  audience: audienceSchema,
  steps: flowStepsSchema,
  holdout_percent: z.number().min(0, NOT_NEGATIVE).max(50),
  quiet_hours: campaignQuietHoursSchema.nullable(),
  exit_rule: z.enum([...EXIT_RULES]),
  attribution_window_days: z.number().int().min(1).max(30),
  discount_budget: z.record(z.string().regex(/^[a-zA-Z]{3}$/).transform((c) => c.toLowerCase()), z.number().positive()).nullable(),
}

/** What an admin may change on a flow (its kind is fixed). */
export const updateFlowSchema = z
  .object({
    name: flowFields.name.optional(),
    status: flowFields.status.optional(),
    priority: flowFields.priority.optional(),
    trigger: flowFields.trigger.optional(),
    audience: flowFields.audience.optional(),
    steps: flowFields.steps.optional(),
    holdout_percent: flowFields.holdout_percent.optional(),
    quiet_hours: flowFields.quiet_hours.optional(),
    exit_rule: flowFields.exit_rule.optional(),
    attribution_window_days: flowFields.attribution_window_days.optional(),
    discount_budget: flowFields.discount_budget.optional(),
  })
  .strict()

export type UpdateFlowInput = z.output<typeof updateFlowSchema>

export type FlowDefinition = {
  kind: FlowKind
  name: string
  status: FlowStatus
  priority: number
  trigger: FlowTrigger
  audience: FlowAudience
  steps: FlowStep[]
  holdout_percent: number
  quiet_hours: null
  exit_rule: ExitRule
  attribution_window_days: number
}

const step = (delay_hours: number, template: string, subjects: string[] = [], discount: FlowStepDiscount | null = null): FlowStep => ({
  delay_hours,
  template,
  subjects,
  discount,
})

/**
 * The flows a store gets on first use, one per kind. Active where a merchant expects mail
 * without doing anything (welcome, post-purchase thank-you, birthday: each answers something
 * the customer did or is); win-back starts paused, because switching it on emails every
 * customer who lapsed in the last year at once.
 */
export const DEFAULT_FLOWS: FlowDefinition[] = [
  {
    kind: "welcome",
    name: "Welcome series",
    status: "active",
    priority: 1,
    trigger: DEFAULT_TRIGGER,
    audience: DEFAULT_AUDIENCE,
    steps: [
      step(1, "flow-welcome-1"),
      step(72, "flow-welcome-2"),
      step(168, "flow-welcome-3", [], { type: "percentage", value: 10, expires_in_hours: 168 }),
    ],
    holdout_percent: 0,
    quiet_hours: null,
    exit_rule: "order_placed",
    attribution_window_days: 7,
  },
  {
    kind: "post_purchase",
    name: "Post-purchase thank-you",
    status: "active",
    priority: 2,
    trigger: DEFAULT_TRIGGER,
    audience: DEFAULT_AUDIENCE,
    steps: [step(72, "flow-post-purchase")],
    holdout_percent: 0,
    quiet_hours: null,
    exit_rule: "none",
    attribution_window_days: 7,
  },
  {
    kind: "birthday",
    name: "Birthday",
    status: "active",
    priority: 3,
    trigger: DEFAULT_TRIGGER,
    audience: DEFAULT_AUDIENCE,
    steps: [step(0, "flow-birthday")],
    holdout_percent: 0,
    quiet_hours: null,
    exit_rule: "none",
    attribution_window_days: 7,
  },
  {
    kind: "win_back",
    name: "Win-back",
    status: "paused",
    priority: 4,
    trigger: DEFAULT_TRIGGER,
    audience: DEFAULT_AUDIENCE,
    steps: [
      step(0, "flow-win-back-1"),
      step(168, "flow-win-back-2", [], { type: "percentage", value: 15, expires_in_hours: 168 }),
    ],
    holdout_percent: 0,
    quiet_hours: null,
    exit_rule: "order_placed",
    attribution_window_days: 7,
  },
]

export function parseFlowSteps(value: unknown): FlowStep[] {
  return z.array(storedStepSchema).parse(value ?? [])
}

export function parseTrigger(value: unknown): FlowTrigger {
  return triggerSchema.parse(value ?? {})
}

export function parseAudience(value: unknown): FlowAudience {
  return audienceSchema.parse(value ?? {})
}
