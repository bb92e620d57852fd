// Demo redemptions: members who paid part of an order with their points in the last 30 days, so
// the Overview's "Orders that redeemed points" has figures in every currency on first open.
//
// Each redemption goes the way a shopper's does: a cart through Medusa's checkout, the points
// redeemed on it by the plugin's own redeem workflow (hold + one-off PTS- code on the cart), the
// cart completed, and the order.placed subscriber turning the hold into a redemption entry tied
// to the order. Only the clock is faked: the order and its ledger entries are then dated back to
// when the story says it happened. Members whose balance from the rest of the demo is too small
// made an earlier order first (dated months back, its points available by now).
//
// Runs after spreadDemoLoyaltyHistory (the points of the other demo orders must be available)
// and before the order facts are copied; it spreads the loyalty history again for its own orders.
import type { MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { redeemPointsWorkflow } from "../../src/workflows/loyalty/redeem-points"
import { loadDemoStore } from "./demo-store"
import { spreadDemoLoyaltyHistory } from "./loyalty"
import { must, type OrderOutcome, settleOrder, step } from "./seed"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Line = [sku: string, quantity: number]

type RedemptionSpec = {
  label: string
  customer: string
  /** When the order was placed, in ms before the seed. */
  ago: number
  items: Line[]
  /** Points redeemed at checkout (a multiple of the program's step; fewer if the balance is short). */
  points: number
  outcome: OrderOutcome
  /** An order placed before, whose points (available by now) make the balance enough. */
  earlier?: { ago: number; items: Line[] }
}

// One story per currency at least; all inside the Overview's default 30 days.
export const DEMO_REDEMPTIONS: RedemptionSpec[] = [
  {
    label: "James's dripper and beans, partly paid with points",
    customer: "james.whitfield@example.com",
    ago: 22 * DAY + 3 * HOUR,
    items: [
      ["ETH-YIRG-250", 2],
      ["FLT-V60-100", 1],
    ],
    points: 150,
    outcome: "delivered",
    earlier: {
      ago: 80 * DAY + 5 * HOUR,
      items: [
        ["DRP-CER-02-WHT", 1],
        ["ETH-YIRG-1000", 1],
      ],
    },
  },
  {
    label: "Olivia's Yirgacheffe with points off",
    customer: "olivia.bennett@example.com",
    ago: 12 * DAY + 6 * HOUR,
    items: [
      ["ETH-YIRG-1000", 1],
      ["FLT-V60-100", 1],
    ],
    points: 100,
    outcome: "delivered",
    earlier: { ago: 68 * DAY + 2 * HOUR, items: [["ESP-HOUSE-1000", 2]] },
  },
  {
    label: "Elif's new dripper with points off",
    customer: "elif.yilmaz@example.com",
    ago: 6 * DAY + 4 * HOUR,
    items: [
      ["DRP-CER-02-WHT", 1],
      ["FLT-V60-100", 1],
    ],
    points: 100,
    outcome: "delivered",
  },
  {
    label: "Emily's espresso and descaler with points off",
    customer: "emily.carter@example.com",
    ago: 3 * DAY + 1 * HOUR,
    items: [
      ["ESP-HOUSE-1000", 1],
      ["DSC-TAB-8", 1],
    ],
    points: 100,
    outcome: "shipped",
  },
]

export type DemoRedemptionsResult = {
  seeded: boolean
  /** Orders that redeemed points. */
  orders: { order_id: string; customer_id: string; currency_code: string; points: number; placed_at: Date }[]
  /** Orders placed before them for their points. */
  earlier_orders: number
}

type Pg = { raw: (sql: string, bindings: readonly unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

/**
 * The demo's orders that redeemed points, each through checkout and the plugin's redeem
 * workflow, dated into the last 30 days. Runs once: when a demo redemption cart exists it does
 * nothing.
 */
export async function seedDemoRedemptions(
  container: MedusaContainer,
  opts: { now?: Date; log?: (m: string) => void } = {}
): Promise<DemoRedemptionsResult> {
  const none: DemoRedemptionsResult = { seeded: false, orders: [], earlier_orders: 0 }
  if (!container.hasRegistration(RETENTION_LOYALTY_MODULE)) return none
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const pg = container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const now = opts.now ?? new Date()
  const log = opts.log ?? (() => undefined)
  const started = Date.now()

  const { rows: done } = await pg.raw(`select 1 from cart where metadata->>'retention_demo' = 'redemption' and deleted_at is null limit 1`, [])
  if (done.length) return none

  const store = await step("loading the demo store for redemptions", () =>
    loadDemoStore(query, {
      skus: DEMO_REDEMPTIONS.flatMap((s) => [...s.items, ...(s.earlier?.items ?? [])].map(([sku]) => sku)),
      emails: DEMO_REDEMPTIONS.map((s) => s.customer),
    })
  )
  const settings = await loyalty.getProgram()
  if (!settings.enabled) {
    log("redemptions: the loyalty program is switched off, no orders paid with points")
    return none
  }

  /** A cart of a member through checkout; `beforePayment` runs once the shipping is chosen. */
  const placeOrder = async (
    customer: { id: string; email: string; address: Record<string, string> },
    items: Line[],
    kind: string,
    beforePayment?: (cartId: string) => Promise<void>
  ) => {
    const region = must(store.regionByCountry.get(customer.address.country_code), `region of ${customer.address.country_code}`)
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: region.id,
        sales_channel_id: store.salesChannelId,
        currency_code: region.currency_code,
        email: customer.email,
        customer_id: customer.id,
        shipping_address: customer.address,
        billing_address: customer.address,
        metadata: { retention_demo: kind },
        items: items.map(([sku, quantity]) => ({ variant_id: must(store.variants.get(sku), `variant ${sku}`).id, quantity })),
      },
    })
    await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: store.shippingOptionId }] } })
    // The points discount goes on the cart before payment, so the payment is for the total after it.
    await beforePayment?.(cart.id)
    const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
    await createPaymentSessionsWorkflow(container).run({
      input: { payment_collection_id: (collection as { id: string }).id, provider_id: "pp_system_default", customer_id: customer.id },
    })
    const { result: order } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
    return { cart_id: cart.id, order_id: order.id, currency_code: region.currency_code }
  }

  const dateOrder = async (orderId: string, at: Date) => {
    await pg.raw(`update "order" set created_at = ?, updated_at = ? where id = ?`, [at.toISOString(), at.toISOString(), orderId])
  }

  // Until the order.placed subscriber wrote the order's entries (its earned points, and the
  // redemption when the cart had points on hold).
  const waitForEntries = async (orderId: string, types: string[]) => {
    for (const deadline = Date.now() + 30_000; ; ) {
      const entries = await loyalty.listLoyaltyEntries({ order_id: orderId, type: types }, { select: ["type"] })
      if (types.every((t) => entries.some((e) => e.type === t))) return
      if (Date.now() > deadline) throw new Error(`order ${orderId} has no ${types.join(" and ")} entry after 30 s`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  // --- Earlier orders: points that are available by the redemption ---------------------------
  let earlierOrders = 0
  for (const spec of DEMO_REDEMPTIONS) {
    if (!spec.earlier) continue
    const earlier = spec.earlier
    await step(`placing the order before "${spec.label}"`, async () => {
      const customer = must(store.customers.get(spec.customer), `customer ${spec.customer}`)
      const placed = await placeOrder(customer, earlier.items, "redemption-earlier")
      await waitForEntries(placed.order_id, ["earn"])
      await dateOrder(placed.order_id, new Date(now.getTime() - earlier.ago))
      await settleOrder(container, query, placed.order_id, "delivered", store.locationId)
      earlierOrders += 1
    })
  }
  // Their points at the orders' dates, past the return window: available now.
  if (earlierOrders) await spreadDemoLoyaltyHistory(container, { now, log })

  // --- The redemptions ---------------------------------------------------------------------
  const orders: DemoRedemptionsResult["orders"] = []
  for (const spec of DEMO_REDEMPTIONS) {
    await step(`placing the order "${spec.label}"`, async () => {
      const customer = must(store.customers.get(spec.customer), `customer ${spec.customer}`)
      const placedAt = new Date(now.getTime() - spec.ago)
      // The shopper redeemed at checkout, a few minutes before paying.
      const redeemedAt = new Date(placedAt.getTime() - 4 * MINUTE)
      // What the story redeems, or as much of it as the balance allows in the program's steps
      // (the other demo stories decide the balance).
      const { available } = await loyalty.getBalance(customer.id)
      const points = Math.min(spec.points, Math.floor(available / settings.redeemStep) * settings.redeemStep)
      if (points < settings.minRedeemPoints) {
        throw new Error(`${spec.customer} has ${available} points available, fewer than the ${settings.minRedeemPoints} a redemption needs`)
      }
      let redeemed = 0
      const placed = await placeOrder(customer, spec.items, "redemption", async (cartId) => {
        const { result } = await redeemPointsWorkflow(container).run({
          input: { customer_id: customer.id, cart_id: cartId, points },
        })
        redeemed = result.points
      })
      await waitForEntries(placed.order_id, ["earn", "redeem"])
      const [redeem] = await loyalty.listLoyaltyEntries({ order_id: placed.order_id, type: "redeem" })
      if (-Number(redeem.points) !== redeemed) {
        throw new Error(`order ${placed.order_id} redeemed ${-Number(redeem.points)} of the ${redeemed} points held`)
      }
      await dateOrder(placed.order_id, placedAt)
      // The cart's hold when the shopper redeemed; its conversion (release of the hold and the
      // redemption) when the order was placed.
      const holdExpiresAt = new Date(redeemedAt.getTime() + settings.holdTtlMinutes * MINUTE)
      await pg.raw(
        `update retention_loyalty_entry set created_at = ?, updated_at = ?, expires_at = ?
         where reference = 'cart' and reference_id = ? and type = 'hold' and customer_id = ?`,
        [redeemedAt.toISOString(), redeemedAt.toISOString(), holdExpiresAt.toISOString(), placed.cart_id, customer.id]
      )
      const convertedAt = new Date(placedAt.getTime() + 1_000).toISOString()
      await pg.raw(
        `update retention_loyalty_entry set created_at = ?, updated_at = ?
         where reference = 'cart' and reference_id = ? and type in ('release', 'redeem') and order_id = ?`,
        [convertedAt, convertedAt, placed.cart_id, placed.order_id]
      )
      await settleOrder(container, query, placed.order_id, spec.outcome, store.locationId)
      orders.push({ order_id: placed.order_id, customer_id: customer.id, currency_code: placed.currency_code, points: redeemed, placed_at: placedAt })
    })
  }
  // The points these orders earned, at their dates.
  await spreadDemoLoyaltyHistory(container, { now, log })

  const byCurrency = [...new Set(orders.map((o) => o.currency_code))].sort()
  log(
    `redemptions: ${orders.length} orders in the last 30 days paid partly with points (${byCurrency.join(", ")}; ` +
      `${orders.reduce((n, o) => n + o.points, 0)} points), ${earlierOrders} earlier orders for their points ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`
  )
  return { seeded: true, orders, earlier_orders: earlierOrders }
}
