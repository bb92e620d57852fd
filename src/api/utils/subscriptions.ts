import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { RETENTION_REPLENISHMENT_MODULE } from "../../modules/replenishment"
import { parseInterval, SubscriptionAction } from "../../modules/replenishment/schedule"
import type ReplenishmentModuleService from "../../modules/replenishment/service"
import { subscriptionItems, type Actor } from "../../modules/replenishment/service"
import { emailItems, sendSubscriptionEmail } from "../../workflows/replenishment/send-subscription-emails"

type Row = Record<string, any>

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/** A subscription as the store and admin APIs show it. */
export function subscriptionView(s: Row) {
  return {
    id: s.id,
    customer_id: s.customer_id,
    email: s.email,
    items: (Array.isArray(s.items) ? s.items : []).map((i: Row) => ({
      variant_id: i.variant_id,
      product_id: i.product_id,
      quantity: i.quantity,
      title: i.title,
      variant_title: i.variant_title ?? null,
    })),
    interval: s.interval,
    status: s.status,
    period_at: iso(s.period_at),
    next_run_at: iso(s.next_run_at),
    paused_until: iso(s.paused_until),
    currency_code: s.currency_code,
    discount_percent: s.discount_percent ?? null,
    // One renewal's items after the discount, in the currency (what recurring revenue sums).
    renewal_value: s.renewal_value === null || s.renewal_value === undefined ? null : Number(s.renewal_value),
    renewal_count: s.renewal_count,
    skipped_count: s.skipped_count,
    failed_count: s.failed_count,
    cancel_reason: s.cancel_reason ?? null,
    canceled_at: iso(s.canceled_at),
    created_at: iso(s.created_at),
    region_id: s.region_id,
    sales_channel_id: s.sales_channel_id ?? null,
    shipping_address: s.shipping_address ?? null,
    shipping_option_id: s.shipping_option_id ?? null,
    payment_provider_id: s.payment_provider_id,
    origin_order_id: s.origin_order_id ?? null,
  }
}

export function runView(r: Row, displayIds: Map<string, number>) {
  return {
    id: r.id,
    period: r.period,
    scheduled_for: iso(r.scheduled_for),
    status: r.status,
    order_id: r.order_id ?? null,
    order_display_id: r.order_id ? displayIds.get(r.order_id) ?? null : null,
    attempts: r.attempts,
    next_retry_at: iso(r.next_retry_at),
    error: r.error ?? null,
    unavailable: r.unavailable ?? null,
    trigger: r.trigger,
    created_at: iso(r.created_at),
  }
}

/** Detail: the subscription, its runs (newest first, with order numbers) and its history. */
export async function subscriptionDetail(container: MedusaContainer, sub: Row, opts: { events: boolean }) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const runs = await service.listSubscriptionRuns({ subscription_id: sub.id }, { order: { scheduled_for: "DESC" }, take: 50 })
  const orderIds = runs.map((r) => r.order_id).filter((id): id is string => !!id)
  const displayIds = new Map<string, number>()
  if (orderIds.length) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
    for (const o of data as { id: string; display_id: number }[]) displayIds.set(o.id, o.display_id)
  }
  const events = opts.events
    ? (await service.listSubscriptionEvents({ subscription_id: sub.id }, { order: { created_at: "DESC" }, take: 100 })).map((e) => ({
        id: e.id,
        actor_type: e.actor_type,
        actor_id: e.actor_id ?? null,
        action: e.action,
        detail: e.detail ?? null,
        created_at: iso(e.created_at),
      }))
    : undefined
  return { subscription: subscriptionView(sub), runs: runs.map((r) => runView(r, displayIds)), ...(events ? { events } : {}) }
}

const futureDate = z
  .string()
  .trim()
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), "must be a date (ISO 8601)")
  .transform((v) => new Date(v))

const intervalCode = z
  .string()
  .trim()
  .max(10)
  .refine((v) => parseInterval(v) !== null, 'must be an interval such as "2w", "30d" or "1m" (at most a year)')

/** The actions the store and the admin may take on a subscription. */
export const ActionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("skip") }).strict(),
  z.object({ action: z.literal("pause"), until: futureDate.nullish() }).strict(),
  z.object({ action: z.literal("resume") }).strict(),
  z.object({ action: z.literal("cancel"), reason: z.string().trim().max(500).nullish() }).strict(),
  z.object({ action: z.literal("run_now") }).strict(),
  z.object({ action: z.literal("change_interval"), interval: intervalCode }).strict(),
  z.object({ action: z.literal("payment_updated") }).strict(),
])
export type ActionBody = z.output<typeof ActionBody>

export const PauseBody = z.object({ until: futureDate.nullish() }).strict()
export const CancelBody = z.object({ reason: z.string().trim().max(500).nullish() }).strict()
export const EmptyBody = z.object({}).strict()

const CHANGE_EMAILS: Partial<Record<SubscriptionAction["type"], "paused" | "resumed" | "canceled" | "skipped">> = {
  pause: "paused",
  resume: "resumed",
  cancel: "canceled",
  skip: "skipped",
}

/**
 * Applies an action for a customer, an admin or an email link; a customer's interval must be one
 * the product's plan offers. "run_now" and "payment_updated" make the renewal due at once (the
 * next tick places it; the caller may start it straight away). Sends the confirmation email.
 */
export async function applySubscriptionAction(
  container: MedusaContainer,
  input: { id: string; body: ActionBody; actor: Actor; now?: Date; enforcePlan: boolean }
) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const now = input.now ?? new Date()
  const body = input.body
  let action: SubscriptionAction
  switch (body.action) {
    case "pause":
      action = { type: "pause", until: body.until ?? null }
      break
    case "change_interval":
      if (input.enforcePlan) await assertPlanInterval(service, input.id, body.interval)
      action = { type: "change_interval", interval: body.interval }
      break
    case "cancel":
      action = { type: "cancel" }
      break
    default:
      action = { type: body.action }
  }
  const detail = body.action === "cancel" && body.reason ? { reason: body.reason } : undefined
  const { after } = await service.applyAction({ id: input.id, action, actor: input.actor, now, detail })
  if (body.action === "payment_updated") {
    // The failed period is tried again from its first attempt: a fresh round of retries.
    const runs = await service.listSubscriptionRuns({ subscription_id: input.id, status: ["failed", "cart_created", "pending"] })
    if (runs.length) await service.updateSubscriptionRuns(runs.map((r) => ({ id: r.id, status: "cart_created" as const, attempts: 0, next_retry_at: null })))
  }
  const change = CHANGE_EMAILS[action.type]
  const sub = await service.retrieveSubscription(input.id)
  if (change) {
    const eventCount = (await service.listSubscriptionEvents({ subscription_id: input.id }, { select: ["id"] })).length
    await sendSubscriptionEmail(container, {
      // One email per recorded change (the history's length makes each change its own key).
      key: `replenishment:changed:${input.id}:${change}:${eventCount}`,
      template: "replenishment-subscription-changed",
      subscription: {
        id: sub.id,
        customer_id: sub.customer_id,
        email: sub.email,
        locale: sub.locale ?? null,
        shipping_address: sub.shipping_address as Record<string, unknown>,
        items: subscriptionItems(sub),
      },
      data: {
        change,
        items: emailItems(subscriptionItems(sub)),
        pausedUntil: after.paused_until ? after.paused_until.toISOString() : undefined,
        nextRenewalDate: change === "resumed" || change === "skipped" ? after.period_at.toISOString() : undefined,
      },
    }).catch((e) => container.resolve(ContainerRegistrationKeys.LOGGER).warn(`replenishment: change email for ${input.id} not sent: ${e?.message ?? e}`))
  }
  return sub
}

async function assertPlanInterval(service: ReplenishmentModuleService, id: string, interval: string) {
  const sub = await service.retrieveSubscription(id)
  const first = subscriptionItems(sub)[0]
  const plan = first ? await service.planForVariant({ product_id: first.product_id, variant_id: first.variant_id }) : null
  const allowed = ((plan?.intervals as string[] | undefined) ?? []).slice()
  if (!allowed.includes(interval)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `interval: must be one of ${allowed.join(", ") || "the plan's intervals (the product has no plan now)"}`)
  }
}

/** A customer's own subscription, or 404 (another customer's id looks exactly like a missing one). */
export async function ownSubscription(container: MedusaContainer, customerId: string, id: string) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const [sub] = await service.listSubscriptions({ id, customer_id: customerId }, { take: 1 })
  if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `subscription ${id} not found`)
  return sub
}
