// Demo subscriptions: subscribe-and-save plans on the three coffees and six customers'
// subscriptions in every state (active, paused, canceled, payment failed) with a past.
//
// Everything a merchant clicks on is real: each subscription starts from an order placed
// through Medusa's cart and checkout with `metadata.subscribe` on the line (as the store's
// "subscribe at checkout" route does), past renewals are placed by the plugin's own renewal
// (`renewSubscription`, a real order each) and customer actions go through the same code as
// the store API. Only the clock is faked: each step runs now and its rows (orders, runs,
// history, emails) are then dated back to when the story says it happened. The one thing
// recorded directly through the module service is the payment failure (the demo's payment
// provider never declines), labelled as demo data.
//
// Elif's subscription is due a few minutes after the seed: the running demo's renewal job
// (every 5 minutes) places a real renewal order and its email lands in the outbox.
import type { MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { applySubscriptionAction } from "../../src/api/utils/subscriptions"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import { addInterval, periodOf } from "../../src/modules/replenishment/schedule"
import type ReplenishmentModuleService from "../../src/modules/replenishment/service"
import { applySubscribeAndSave, renewSubscription } from "../../src/workflows/replenishment/renew-subscription"
import { subscribeFromOrder } from "../../src/workflows/replenishment/subscribe-from-order"
import { type DemoStore, loadDemoStore } from "./demo-store"
import { must, settleOrder, step } from "./seed"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** How long after the seed Elif's renewal is due (the job runs every 5 minutes). */
export const DEMO_LIVE_RENEWAL_DELAY_MS = 3 * MINUTE

/** The subscribe-and-save plan of each coffee. */
export const DEMO_PLAN = {
  intervals: ["2w", "4w", "6w"],
  default_interval: "4w",
  discount_percent: 10,
  min_orders: 0,
  active: true,
}
export const DEMO_PLAN_PRODUCTS = ["ethiopia-yirgacheffe", "colombia-huila", "house-espresso-blend"]

type Ending =
  | { type: "pause"; at: number; until: number }
  | { type: "skip_then_cancel"; skipAt: number; cancelAt: number; reason: string }
  // The current period's renewal declined at every attempt (first try plus the default retries
  // after 1, 3 and 7 days); the subscription is on hold since the last one.
  | { type: "payment_failed"; error: string }

type DemoSubscriptionSpec = {
  label: string
  customer: string
  sku: string
  quantity: number
  interval: "2w" | "4w" | "6w"
  /** When the first order was placed, in ms relative to the seed (negative: before). */
  startedAt: number
  /** Renewals ordered since, one per period. */
  renewals: number
  ending?: Ending
}

// Times are relative to the seed; periods follow from the start and the interval.
export const DEMO_SUBSCRIPTIONS: DemoSubscriptionSpec[] = [
  {
    // Started 8 weeks before its next renewal, which is due just after the seed.
    label: "Elif's Yirgacheffe every 4 weeks (renews during the demo)",
    customer: "elif.yilmaz@example.com",
    sku: "ETH-YIRG-250",
    quantity: 2,
    interval: "4w",
    startedAt: DEMO_LIVE_RENEWAL_DELAY_MS - 56 * DAY,
    renewals: 1,
  },
  {
    label: "Emily's espresso every 2 weeks",
    customer: "emily.carter@example.com",
    sku: "ESP-HOUSE-1000",
    quantity: 1,
    interval: "2w",
    startedAt: -38 * DAY - 2 * HOUR,
    renewals: 2,
  },
  {
    label: "Zeynep's new 1 kg Yirgacheffe every 6 weeks",
    customer: "zeynep.kaya@example.com",
    sku: "ETH-YIRG-1000",
    quantity: 1,
    interval: "6w",
    startedAt: -4 * DAY - 5 * HOUR,
    renewals: 0,
  },
  {
    label: "Mehmet's Huila, paused for the holidays",
    customer: "mehmet.demir@example.com",
    sku: "COL-HUILA-250",
    quantity: 1,
    interval: "4w",
    startedAt: -49 * DAY - 3 * HOUR,
    renewals: 1,
    ending: { type: "pause", at: -5 * DAY, until: 23 * DAY },
  },
  {
    label: "James's Huila, skipped once then canceled",
    customer: "james.whitfield@example.com",
    sku: "COL-HUILA-250",
    quantity: 2,
    interval: "4w",
    startedAt: -63 * DAY - 6 * HOUR,
    renewals: 1,
    ending: { type: "skip_then_cancel", skipAt: -9 * DAY, cancelAt: -6 * DAY, reason: "Moving abroad for a few months" },
  },
  {
    label: "Olivia's espresso, on hold after a declined card",
    customer: "olivia.bennett@example.com",
    sku: "ESP-HOUSE-250",
    quantity: 2,
    interval: "2w",
    startedAt: -37 * DAY - 4 * HOUR,
    renewals: 1,
    ending: { type: "payment_failed", error: "Card declined: insufficient funds (demo data)" },
  },
]

export type DemoSubscriptionsResult = {
  seeded: boolean
  plans: number
  subscriptions: Record<string, number>
  renewal_orders: number
  /** The subscription the running demo renews, and when. */
  live?: { id: string; next_run_at: Date }
}

type Pg = { raw: (sql: string, bindings: readonly unknown[]) => Promise<unknown> }

/**
 * Plans on the coffees and the demo subscriptions with their past. Runs once: when a demo
 * customer already has a subscription it does nothing.
 */
export async function prepareDemoSubscriptions(
  container: MedusaContainer,
  opts: { now?: Date; log?: (m: string) => void } = {}
): Promise<DemoSubscriptionsResult> {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const pg = container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION)
  const log = opts.log ?? (() => undefined)
  const now = opts.now ?? new Date()
  const t = (offset: number) => new Date(now.getTime() + offset)
  const started = Date.now()

  const existing = await service.listSubscriptions({ email: DEMO_SUBSCRIPTIONS.map((s) => s.customer) }, { take: 1 })
  if (existing.length) return { seeded: false, plans: 0, subscriptions: {}, renewal_orders: 0 }

  const store = await step("loading the demo store for subscriptions", () =>
    loadDemoStore(query, { skus: DEMO_SUBSCRIPTIONS.map((s) => s.sku), emails: DEMO_SUBSCRIPTIONS.map((s) => s.customer) })
  )

  await step("creating the coffee subscription plans", async () => {
    const { data } = await query.graph({ entity: "product", fields: ["id", "handle"], filters: { handle: DEMO_PLAN_PRODUCTS } })
    for (const handle of DEMO_PLAN_PRODUCTS) {
      const product = must((data as { id: string; handle: string }[]).find((p) => p.handle === handle), `product ${handle}`)
      await service.upsertPlan({ product_id: product.id, variant_id: null, ...DEMO_PLAN })
    }
  })
  log(`subscription plans on ${DEMO_PLAN_PRODUCTS.length} coffees: ${DEMO_PLAN.intervals.join(", ")}, ${DEMO_PLAN.discount_percent} % off`)

  /**
   * Runs `act` now and dates what it wrote for this subscription (history, runs, its emails,
   * the orders it returns) back to `at`. What other features do about those orders (loyalty
   * points and their email) keeps the real time.
   */
  const happenedAt = async <T>(sub: { id: string; email: string }, at: Date, act: () => Promise<T>, orderIds: (r: T) => string[] = () => []) => {
    const since = new Date()
    const result = await act()
    const iso = at.toISOString()
    await pg.raw(`update retention_subscription_event set created_at = ?, updated_at = ? where subscription_id = ? and created_at >= ?`, [iso, iso, sub.id, since.toISOString()])
    await pg.raw(`update retention_subscription_run set created_at = ?, updated_at = ? where subscription_id = ? and created_at >= ?`, [iso, iso, sub.id, since.toISOString()])
    await pg.raw(
      `update retention_message set created_at = ?, updated_at = ?,
         sending_started_at = case when sending_started_at is null then null else ?::timestamptz end,
         sent_at = case when sent_at is null then null else ?::timestamptz end
       where to_email = ? and topic = 'replenishment' and created_at >= ?`,
      [iso, iso, iso, iso, sub.email.toLowerCase(), since.toISOString()]
    )
    const orders = orderIds(result)
    if (orders.length) await pg.raw(`update "order" set created_at = ?, updated_at = ? where id = any(?)`, [iso, iso, orders])
    return result
  }

  const counts: Record<string, number> = { active: 0, paused: 0, canceled: 0, payment_failed: 0 }
  let renewalOrders = 0
  let live: DemoSubscriptionsResult["live"]

  for (const spec of DEMO_SUBSCRIPTIONS) {
    await step(`creating the subscription "${spec.label}"`, async () => {
      const customer = must(store.customers.get(spec.customer), `customer ${spec.customer}`)
      const variant = must(store.variants.get(spec.sku), `variant ${spec.sku}`)
      const region = must(store.regionByCountry.get(customer.address.country_code), `region of ${customer.address.country_code}`)
      const start = t(spec.startedAt)

      // The first order, through checkout, with the line asking for the subscription.
      const orderId = await placeSubscribeOrder(container, store, { customer, variant, region, quantity: spec.quantity, interval: spec.interval })
      await pg.raw(`update "order" set created_at = ?, updated_at = ? where id = ?`, [start.toISOString(), start.toISOString(), orderId])
      await settleOrder(container, query, orderId, "delivered", store.locationId)
      const subscriptionId = await subscribe(service, container, orderId)
      const sub = { id: subscriptionId, email: customer.email }
      // The subscription as if it had been made with the order (the order.placed subscriber may
      // have made it from the order's real time before it was dated back).
      const firstPeriod = addInterval(start, spec.interval)
      await service.updateSubscriptions({ id: subscriptionId, period_at: firstPeriod, next_run_at: firstPeriod })
      await pg.raw(`update retention_subscription set created_at = ?, updated_at = ? where id = ?`, [start.toISOString(), start.toISOString(), subscriptionId])
      await pg.raw(`update retention_subscription_event set created_at = ?, updated_at = ? where subscription_id = ?`, [start.toISOString(), start.toISOString(), subscriptionId])

      // Past renewals: the plugin's renewal at each period, as the job would have placed it.
      for (let n = 0; n < spec.renewals; n++) {
        const current = await service.retrieveSubscription(subscriptionId)
        const at = new Date(new Date(current.period_at).getTime() + 2 * MINUTE)
        const renewal = await happenedAt(sub, at, () => renewSubscription(container, { subscription_id: subscriptionId, now: at }), (r) => (r.order_id ? [r.order_id] : []))
        if (renewal.outcome !== "ordered" || !renewal.order_id) throw new Error(`renewal ${n + 1} was "${renewal.outcome}", not an order`)
        await settleOrder(container, query, renewal.order_id, "delivered", store.locationId)
        renewalOrders += 1
      }

      const customerActor = { type: "customer" as const, id: customer.id }
      const ending = spec.ending
      if (ending?.type === "pause") {
        await happenedAt(sub, t(ending.at), () =>
          applySubscriptionAction(container, {
            id: subscriptionId,
            body: { action: "pause", until: t(ending.until) },
            actor: customerActor,
            now: t(ending.at),
            enforcePlan: true,
          })
        )
      } else if (ending?.type === "skip_then_cancel") {
        await happenedAt(sub, t(ending.skipAt), () =>
          applySubscriptionAction(container, { id: subscriptionId, body: { action: "skip" }, actor: customerActor, now: t(ending.skipAt), enforcePlan: true })
        )
        await happenedAt(sub, t(ending.cancelAt), () =>
          applySubscriptionAction(container, {
            id: subscriptionId,
            body: { action: "cancel", reason: ending.reason },
            actor: customerActor,
            now: t(ending.cancelAt),
            enforcePlan: true,
          })
        )
        await pg.raw(`update retention_subscription set canceled_at = ? where id = ?`, [t(ending.cancelAt).toISOString(), subscriptionId])
      } else if (ending?.type === "payment_failed") {
        await recordDeclinedRenewal(service, sub, ending.error, happenedAt)
      }

      const final = await service.retrieveSubscription(subscriptionId)
      counts[final.status] = (counts[final.status] ?? 0) + 1
      if (final.status === "active" && new Date(final.next_run_at).getTime() - now.getTime() <= DEMO_LIVE_RENEWAL_DELAY_MS) {
        live = { id: final.id, next_run_at: new Date(final.next_run_at) }
      }
    })
  }
  log(
    `${DEMO_SUBSCRIPTIONS.length} subscriptions (${Object.entries(counts)
      .map(([k, v]) => `${v} ${k.replace("_", " ")}`)
      .join(", ")}) with ${renewalOrders} past renewal orders` +
      (live ? `; the next renewal is due at ${live.next_run_at.toISOString()} and the running demo places it` : "") +
      ` (${((Date.now() - started) / 1000).toFixed(1)} s)`
  )
  return { seeded: true, plans: DEMO_PLAN_PRODUCTS.length, subscriptions: counts, renewal_orders: renewalOrders, live }
}

/** An order placed through checkout with one "subscribe" line and the plan's discount. */
async function placeSubscribeOrder(
  container: MedusaContainer,
  store: DemoStore,
  input: {
    customer: { id: string; email: string; address: Record<string, string> }
    variant: { id: string }
    region: { id: string; currency_code: string }
    quantity: number
    interval: string
  }
): Promise<string> {
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: input.region.id,
      sales_channel_id: store.salesChannelId,
      currency_code: input.region.currency_code,
      email: input.customer.email,
      customer_id: input.customer.id,
      shipping_address: input.customer.address,
      billing_address: input.customer.address,
      metadata: { retention_demo: "subscription" },
      items: [{ variant_id: input.variant.id, quantity: input.quantity, metadata: { subscribe: { interval: input.interval } } }],
    },
  })
  // The server-side subscribe-and-save discount, as the store's cart-items route applies it.
  await applySubscribeAndSave(container, {
    cart_id: cart.id,
    key: cart.id,
    customer_id: input.customer.id,
    percent: DEMO_PLAN.discount_percent,
    variant_ids: [input.variant.id],
  })
  await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: store.shippingOptionId }] } })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: (collection as { id: string }).id, provider_id: "pp_system_default", customer_id: input.customer.id },
  })
  const { result: order } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
  return order.id
}

/**
 * The order's subscription, made by the plugin's own code. The order.placed subscriber may be
 * making the same one at this moment: the module's unique (order, item) keeps it to one.
 */
async function subscribe(service: ReplenishmentModuleService, container: MedusaContainer, orderId: string): Promise<string> {
  try {
    const outcomes = await subscribeFromOrder(container, orderId)
    const refused = outcomes.find((o) => o.refused)
    if (refused) throw new Error(`no subscription: ${refused.refused}`)
  } catch (e) {
    const [made] = await service.listSubscriptions({ origin_order_id: orderId }, { take: 1 })
    if (!made) throw e
  }
  const [sub] = await service.listSubscriptions({ origin_order_id: orderId }, { take: 1 })
  return must(sub, `subscription of order ${orderId}`).id
}

/**
 * The current period's renewal declined at the first attempt and at the retries after 1, 3
 * and 7 days, recorded as the renewal's dunning records it, each step at its time.
 */
async function recordDeclinedRenewal(
  service: ReplenishmentModuleService,
  sub: { id: string; email: string },
  error: string,
  happenedAt: <T>(sub: { id: string; email: string }, at: Date, act: () => Promise<T>) => Promise<T>
) {
  const current = await service.retrieveSubscription(sub.id)
  const period = new Date(current.period_at)
  const retryDays = service.options.replenishment.retryDays
  const attemptAt = [0, ...retryDays].map((d) => new Date(period.getTime() + d * DAY + 2 * MINUTE))
  const run = await happenedAt(sub, attemptAt[0], () => service.ensureRun({ subscription_id: sub.id, period_at: period }))
  for (let attempt = 1; attempt <= retryDays.length; attempt++) {
    const retryAt = new Date(period.getTime() + retryDays[attempt - 1] * DAY)
    await happenedAt(sub, attemptAt[attempt - 1], async () => {
      await service.updateSubscriptionRuns({ id: run.id, attempts: attempt, status: "cart_created", next_retry_at: retryAt, error })
      await service.setNextRunAt({ id: sub.id, at: retryAt })
      await service.record(sub.id, { type: "system" }, "payment_retry_scheduled", {
        period: periodOf(period),
        attempt,
        retry_at: retryAt.toISOString(),
        error,
      })
    })
  }
  const last = attemptAt[attemptAt.length - 1]
  await happenedAt(sub, last, async () => {
    await service.updateSubscriptionRuns({ id: run.id, attempts: attemptAt.length, status: "failed", next_retry_at: null, error })
    await service.updateSubscriptions({ id: sub.id, failed_count: attemptAt.length })
    await service.applyAction({
      id: sub.id,
      action: { type: "payment_failed_final" },
      actor: { type: "system" },
      now: last,
      detail: { period: periodOf(period), attempts: attemptAt.length },
    })
  })
}
