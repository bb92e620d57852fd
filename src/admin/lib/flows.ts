import type { FlowAudience, FlowKind, FlowStep, FlowTrigger } from "../../modules/flows/flow-config"
import { SEGMENT_RULES } from "../../modules/customer-segments/rules"

type StepFigures = { step: number; variant: number; sends: number; opens: number; clicks: number; conversions: number; revenue: Record<string, number> }

/** A flow's figures (the flows module's flowStats). */
export type FlowStats = {
  entries: number
  active: number
  completed: number
  exited: number
  held_out: number
  holdout_conversions: number
  emailed_entries: number
  emailed_conversions: number
  sends: number
  opens: number
  clicks: number
  conversions: number
  revenue: Record<string, number>
  by_step: StepFigures[]
}

/** A lifecycle flow as GET /admin/retention/flows(/:id) answers it. */
export type Flow = {
  id: string
  kind: FlowKind
  name: string
  status: "active" | "paused"
  priority: number
  trigger: FlowTrigger
  audience: FlowAudience | null
  steps: FlowStep[]
  holdout_percent: number
  quiet_hours: { enabled: boolean; start: string; end: string } | null
  exit_rule: "order_placed" | "none"
  attribution_window_days: number
  is_default: boolean
  created_at: string
  stats?: FlowStats
}

/** A cart-recovery campaign in the flows list (its own page is the campaign's). */
export type CartRecoveryFlow = {
  id: string
  kind: "cart_recovery"
  name: string
  status: "active" | "paused" | "draft"
  steps: { delay_hours: number }[]
  holdout_percent: number
  is_default: boolean
  created_at: string
  stats: { entries: number; active: number; sends: number; opens: number; clicks: number; conversions: number; revenue: Record<string, number> }
}

export type FlowsList = { flows: Flow[]; cart_recovery: CartRecoveryFlow[] }

export const KIND_LABELS: Record<FlowKind | "cart_recovery", string> = {
  welcome: "Welcome series",
  post_purchase: "Post-purchase",
  birthday: "Birthday",
  win_back: "Win-back",
  cart_recovery: "Cart recovery",
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`

/** What starts a flow, as a merchant reads it. */
export function triggerText(kind: FlowKind | "cart_recovery", trigger?: FlowTrigger): string {
  switch (kind) {
    case "welcome":
      return trigger?.guests_with_consent === false
        ? "A customer creates an account"
        : "A customer creates an account, or a guest who gave marketing consent is recorded"
    case "post_purchase":
      return `An order is placed (not a subscription renewal); delays count from delivery, assumed ${days(trigger?.assume_delivery_after_days ?? 5)} after the order until Medusa reports it`
    case "birthday":
      return "The customer's birthday, in the store's time zone (accounts at least 30 days old), once a year"
    case "win_back":
      return `Time since the last order passes ${trigger?.lapse_factor ?? 1.5} × the customer's usual gap between orders (at least ${days(trigger?.min_lapse_days ?? 30)}, at most ${days(trigger?.max_lapse_days ?? 365)}); never active subscribers`
    case "cart_recovery":
      return "A cart with an email goes quiet"
  }
}

/** What ends an entry early. */
export function exitText(kind: FlowKind, rule: "order_placed" | "none"): string {
  if (rule === "order_placed") return "Ends when the customer places an order"
  if (kind === "post_purchase") return "Runs every step; ends if the order is canceled"
  return "Runs every step"
}

/** Who a flow takes, in words. */
export function audienceText(audience: FlowAudience | null): string {
  const a = audience ?? { customer_group_ids: [], exclude_customer_group_ids: [], segments: [] }
  const parts: string[] = []
  if (a.customer_group_ids.length) parts.push(`customers in ${a.customer_group_ids.length} chosen group${a.customer_group_ids.length === 1 ? "" : "s"}`)
  if (a.segments.length) parts.push(`RFM segments ${a.segments.map((s) => SEGMENT_RULES.find((r) => r.segment === s)?.label ?? s).join(", ")}`)
  if (a.exclude_customer_group_ids.length)
    parts.push(`except ${a.exclude_customer_group_ids.length} excluded group${a.exclude_customer_group_ids.length === 1 ? "" : "s"}`)
  return parts.length ? parts.join("; ") : "Every customer the trigger finds"
}

/**
 * The API's 400 message ("steps.1.delay_hours: must not be negative; holdout_percent: …") as
 * errors per form field: `delay-<index>`, `holdout`, or `form` for what belongs to no one field.
 */
export function fieldErrors(message: string): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const part of message.split("; ")) {
    const m = /^([\w.]+): (.*)$/.exec(part)
    const path = m?.[1] ?? ""
    const text = m?.[2] ?? part
    const step = /^steps\.(\d+)\.delay_hours$/.exec(path)
    const key = step ? `delay-${step[1]}` : path === "holdout_percent" ? "holdout" : path === "steps" ? "delay-1" : "form"
    errors[key] = errors[key] ? `${errors[key]}; ${text}` : text
  }
  return errors
}
