import crypto from "crypto"
import { inHoldout, pickSplit, unitHash } from "../../lib/flow-engine/split"
import type { CampaignFilters, CampaignStep } from "./campaign-config"
import type { TrackedCartStatus } from "./models/tracked-cart"

// The pure decisions of a recovery sequence: who is in the holdout, which subject a cart sees,
// when the next step is due and what a send result does to the cart. Unit-tested on their own.

const HOUR = 60 * 60 * 1000

// Hashing is the shared engine's (lib/flow-engine/split); re-exported for existing callers.
export { unitHash }

/** Holdout membership is fixed per (campaign, cart), so a cart never flips group. */
export function isHoldout(campaignId: string, cartId: string, holdoutPercent: number): boolean {
  return inHoldout(`holdout:${campaignId}:${cartId}`, holdoutPercent)
}

/** Subject variant of a step for a cart: an even, deterministic split. */
export function pickVariant(cartId: string, stepIndex: number, variantCount: number): number {
  return pickSplit(`variant:${cartId}:${stepIndex}`, variantCount)
}

/** When step `stepIndex` is due: its delay counts from the moment the cart went quiet. */
export function dueAt(lastActivityAt: Date, steps: CampaignStep[], stepIndex: number): Date | null {
  const step = steps[stepIndex]
  return step ? new Date(lastActivityAt.getTime() + step.delay_hours * HOUR) : null
}

/**
 * Where the sequence stands after activity on the cart. Each step goes out at most once per cart
 * (its email key is `cart-recovery:<cart_id>:<step>`), so activity never re-sends a step:
 * - a cart not yet abandoned (first step not due) simply restarts its clock;
 * - "restart": the clock restarts from the activity; the next unsent step is due its delay later;
 * - "continue": activity does not move the schedule; the next step goes out as planned.
 */
export function scheduleAfterActivity(input: {
  status: TrackedCartStatus
  currentStep: number
  steps: CampaignStep[]
  onActivity: "restart" | "continue"
  at: Date
  lastActivityAt: Date | null
  nextActionAt: Date | null
}): { status: TrackedCartStatus; current_step: number; next_action_at: Date | null; last_activity_at: Date } {
  const fresh = input.status === "active" && input.currentStep === 0
  if (!fresh && input.onActivity === "continue" && input.lastActivityAt) {
    return { status: input.status, current_step: input.currentStep, next_action_at: input.nextActionAt, last_activity_at: input.lastActivityAt }
  }
  const status = input.status === "emailed" ? "emailed" : fresh ? "active" : input.status
  if (input.currentStep >= input.steps.length) {
    // Every step is used up: keep the expiry timer that is already set.
    return { status, current_step: input.currentStep, next_action_at: input.nextActionAt, last_activity_at: input.at }
  }
  return {
    status,
    current_step: input.currentStep,
    next_action_at: dueAt(input.at, input.steps, input.currentStep),
    last_activity_at: input.at,
  }
}

/** Tracked carts the sequence has not finished with: activity and sends still apply. */
export const OPEN_STATUSES: TrackedCartStatus[] = ["active", "abandoned", "emailed"]

export function isOpen(status: TrackedCartStatus): boolean {
  return OPEN_STATUSES.includes(status)
}

/**
 * After a step is handled (sent, skipped or failed for good): the next step, or expiry once
 * the attribution window after the last email has passed.
 */
export function advance(input: {
  stepIndex: number
  steps: CampaignStep[]
  lastActivityAt: Date
  lastSentAt: Date | null
  attributionWindowDays: number
  now: Date
}): { current_step: number; next_action_at: Date } {
  const next = input.stepIndex + 1
  const due = dueAt(input.lastActivityAt, input.steps, next)
  if (due) {
    // A step overdue (the job was down, or a step waited on a cap) goes on the next tick.
    return { current_step: next, next_action_at: due < input.now ? input.now : due }
  }
  const from = input.lastSentAt ?? input.now
  return { current_step: next, next_action_at: new Date(from.getTime() + input.attributionWindowDays * 24 * HOUR) }
}

export type CartFacts = {
  currency_code: string
  value: number
  region_id: string | null
  sales_channel_id: string | null
  customer_group_ids: string[]
  /** The customer's RFM segments in the cart's currency; absent = none. */
  segments?: string[]
}

/** Whether a cart is in a campaign's audience; null when it is, else the reason it is not. */
export function audienceMismatch(filters: CampaignFilters | null | undefined, cart: CartFacts): string | null {
  if (!filters) return null
  const min = filters.min_value?.[cart.currency_code.toLowerCase()]
  if (min !== undefined && cart.value < min) return "below_min_value"
  if (filters.region_ids?.length && !(cart.region_id && filters.region_ids.includes(cart.region_id))) return "region"
  if (filters.sales_channel_ids?.length && !(cart.sales_channel_id && filters.sales_channel_ids.includes(cart.sales_channel_id))) {
    return "sales_channel"
  }
  if (filters.customer_group_ids?.length && !cart.customer_group_ids.some((g) => filters.customer_group_ids.includes(g))) {
    return "customer_group"
  }
  if (filters.exclude_customer_group_ids?.some((g) => cart.customer_group_ids.includes(g))) return "excluded_customer_group"
  if (filters.segments?.length && !(cart.segments ?? []).some((s) => (filters.segments as string[]).includes(s))) return "segment"
  return null
}

/** Fills the two placeholders a subject variant may use; a missing name drops cleanly. */
export function fillSubject(subject: string, values: { customerName?: string | null; storeName: string }): string {
  const name = values.customerName?.trim()
  const filled = subject
    .replace(/\{\{\s*storeName\s*\}\}/g, values.storeName)
    .replace(/\{\{\s*customerName\s*\}\}(,\s*)?/g, (_m, comma: string | undefined) => (name ? `${name}${comma ?? ""}` : ""))
    .trim()
  return filled.charAt(0).toUpperCase() + filled.slice(1)
}

/** The earliest time an address may get another email of this campaign, or null if now. */
export function capFreesAt(sentAts: Date[], cap: number, windowHours: number, now: Date): Date | null {
  const windowMs = windowHours * HOUR
  const recent = sentAts.filter((d) => now.getTime() - d.getTime() < windowMs).sort((a, b) => a.getTime() - b.getTime())
  if (recent.length < cap) return null
  return new Date(recent[recent.length - cap].getTime() + windowMs)
}

/** Deterministic, unguessable one-off code for (cart, step): the same step twice gives the same code. */
export function discountCode(secret: string, cartId: string, step: number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
  const digest = crypto.createHmac("sha256", secret).update(`cart-recovery-code:${cartId}:${step}`).digest()
  let code = ""
  for (let i = 0; i < 10; i++) code += alphabet[digest[i] % alphabet.length]
  return `BACK-${code}`
}
