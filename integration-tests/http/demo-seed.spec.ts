import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import {
  DEMO_API_KEY_TITLE,
  DEMO_SALES_CHANNEL_NAME,
  seedDemoStore,
  type SeedDemoResult,
} from "../../scripts/demo/seed"
import { sendDemoSampleEmails } from "../../scripts/demo/sample-emails"
import { prepareDemoNps } from "../../scripts/demo/nps"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import { prepareDemoCartRecovery, seedDemoCartRecoveryHistory } from "../../scripts/demo/cart-recovery"
import { spreadDemoLoyaltyHistory } from "../../scripts/demo/loyalty"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { DEMO_LIVE_RENEWAL_DELAY_MS, DEMO_PLAN, DEMO_PLAN_PRODUCTS, prepareDemoSubscriptions } from "../../scripts/demo/subscriptions"
import { renewDueSubscriptions } from "../../src/jobs/renew-due-subscriptions"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import type ReplenishmentModuleService from "../../src/modules/replenishment/service"
import { listTemplates, SUPPORTED_LOCALES } from "../../src/emails"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { createAdminAndLogin } from "../helpers/admin"
import { useOutbox } from "../helpers/outbox"
import { DEMO_FLOW_DELAYS, prepareDemoFlows, seedDemoFlowHistory } from "../../scripts/demo/flows"
import { runDueFlowSteps } from "../../src/jobs/run-due-flow-steps"
import { DEMO_REDEMPTIONS, seedDemoRedemptions } from "../../scripts/demo/redemptions"
import { syncOrderFactsWorkflow } from "../../src/workflows/customer-segments/sync-order-facts"
import { presetRange } from "../../src/admin/lib/analytics"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("demo-seed")
const DAY = 86400_000

type StoreVariant = {
  sku: string
  inventory_quantity: number
  calculated_price?: { calculated_amount: number; currency_code: string }
}
type StoreProduct = {
  handle: string
  status?: string
  variants: StoreVariant[]
}
type AdminOrder = {
  id: string
  email: string
  status: string
  fulfillment_status: string
  payment_status: string
}

/** Row counts of everything the seed creates, to prove a second run adds nothing. */
async function countAll(container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const entities = [
    "sales_channel",
    "api_key",
    "region",
    "tax_region",
    "stock_location",
    "shipping_option",
    "product",
    "product_variant",
    "customer",
    "cart",
    "order",
  ]
  const counts: Record<string, number> = {}
  for (const entity of entities) {
    const { data } = await query.graph({ entity, fields: ["id"] })
    counts[entity] = data.length
  }
  return counts
}

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let first: SeedDemoResult
    let firstLog: string[]

    // Seeded once: the runner snapshots the database after beforeAll and restores that
    // snapshot before every test.
    beforeAll(async () => {
      firstLog = []
      first = await seedDemoStore(getContainer(), {
        log: (m) => firstLog.push(m),
      })
    })

    const query = () => getContainer().resolve(ContainerRegistrationKeys.QUERY)

    const demoChannelId = async () => {
      const { data } = await query().graph({
        entity: "sales_channel",
        fields: ["id"],
        filters: { name: DEMO_SALES_CHANNEL_NAME },
      })
      expect(data).toHaveLength(1)
      return data[0].id as string
    }

    const publishableKey = async () => {
      const { data } = await query().graph({
        entity: "api_key",
        fields: ["token", "title", "type", "sales_channels.name"],
        filters: { type: "publishable" },
      })
      const key = data.find(
        (k: { title: string }) => k.title === DEMO_API_KEY_TITLE
      )
      expect(key).toBeDefined()
      expect(key.sales_channels.map((sc: { name: string }) => sc.name)).toEqual(
        [DEMO_SALES_CHANNEL_NAME]
      )
      return key.token as string
    }

    it("seeds the whole store and logs the publishable key", async () => {
      expect(first.seeded).toBe(true)
      expect(first.summary).toMatchObject({
        regions: 3,
        products: 7,
        variants: 10,
        customers: 6,
        orders: 6,
        orders_delivered: 2,
        orders_shipped: 1,
        orders_canceled: 1,
        orders_placed: 2,
        abandoned_carts: 4,
        empty_carts: 1,
      })
      const token = await publishableKey()
      expect(token).toMatch(/^pk_/)
      expect(firstLog.some((m) => m.includes(token))).toBe(true)

      const { data: stores } = await query().graph({
        entity: "store",
        fields: [
          "default_sales_channel_id",
          "supported_currencies.currency_code",
          "supported_currencies.is_default",
        ],
      })
      expect(stores[0].default_sales_channel_id).toBe(await demoChannelId())
      const currencies = stores[0].supported_currencies as {
        currency_code: string
        is_default: boolean
      }[]
      expect(currencies.map((c) => c.currency_code).sort()).toEqual([
        "eur",
        "try",
        "usd",
      ])
      expect(currencies.find((c) => c.is_default)?.currency_code).toBe("eur")

      const { data: regions } = await query().graph({
        entity: "region",
        fields: ["name", "currency_code", "countries.iso_2"],
      })
      const byName = Object.fromEntries(
        regions.map(
          (r: {
            name: string
            currency_code: string
            countries: { iso_2: string }[]
          }) => [
            r.name,
            {
              currency: r.currency_code,
              countries: r.countries.map((c) => c.iso_2).sort(),
            },
          ]
        )
      )
      expect(byName).toEqual({
        Europe: { currency: "eur", countries: ["de", "es", "fr", "it", "nl"] },
        Türkiye: { currency: "try", countries: ["tr"] },
        "United States": { currency: "usd", countries: ["us"] },
      })
    })

    it("lists the published products through the store API with the seeded key", async () => {
      const token = await publishableKey()
      const { data: regions } = await query().graph({
        entity: "region",
        fields: ["id", "name"],
      })
      const tr = regions.find((r: { name: string }) => r.name === "Türkiye")

      const res = await api.get(
        `/store/products?limit=50&region_id=${tr.id}&fields=handle,status,*variants.calculated_price,+variants.inventory_quantity,variants.sku`,
        { headers: { "x-publishable-api-key": token } }
      )
      expect(res.status).toBe(200)
      const products: StoreProduct[] = res.data.products
      expect(products.map((p) => p.handle).sort()).toEqual([
        "ceramic-pour-over-dripper-02",
        "colombia-huila",
        "descaling-tablets",
        "ethiopia-yirgacheffe",
        "hand-grinder-c40",
        "house-espresso-blend",
        "v60-paper-filters-02",
      ])
      const variants = new Map(
        products.flatMap((p) => p.variants).map((v) => [v.sku, v])
      )
      expect(variants.size).toBe(10)
      // Priced in lira for the Türkiye region.
      expect(variants.get("ETH-YIRG-250")?.calculated_price).toMatchObject({
        calculated_amount: 549,
        currency_code: "try",
      })
      // Stock as seeded, minus what the placed orders reserved or shipped.
      expect(variants.get("GRD-HAND-C40-BLK")?.inventory_quantity).toBe(3)
      expect(variants.get("COL-HUILA-1000")?.inventory_quantity).toBe(0)
      expect(variants.get("ETH-YIRG-250")?.inventory_quantity).toBe(118)

      // The key is what scopes the catalogue: without one the store API refuses.
      const without = await api
        .get("/store/products")
        .catch((e: { response: { status: number } }) => e.response)
      expect(without.status).toBe(400)
    })

    it("places orders through checkout and moves them to delivered, shipped, canceled and placed", async () => {
      const { data: orders } = await query().graph({
        entity: "order",
        fields: [
          "id",
          "email",
          "status",
          "customer.has_account",
          "fulfillments.shipped_at",
          "fulfillments.delivered_at",
          "fulfillments.labels.tracking_number",
        ],
      })
      expect(orders).toHaveLength(6)

      type GraphOrder = {
        email: string
        status: string
        customer: { has_account: boolean }
        fulfillments: { shipped_at: Date | null; delivered_at: Date | null }[]
      }
      const list: GraphOrder[] = orders
      const delivered = list.filter((o) =>
        o.fulfillments.some((f) => f.delivered_at)
      )
      const shippedOnly = list.filter(
        (o) =>
          o.fulfillments.some((f) => f.shipped_at) &&
          !o.fulfillments.some((f) => f.delivered_at)
      )
      const canceled = list.filter((o) => o.status === "canceled")
      expect(delivered.map((o) => o.email).sort()).toEqual([
        "elif.yilmaz@example.com",
        "emily.carter@example.com",
      ])
      expect(shippedOnly.map((o) => o.email)).toEqual([
        "mehmet.demir@example.com",
      ])
      expect(canceled.map((o) => o.email)).toEqual([
        "james.whitfield@example.com",
      ])
      expect(canceled[0].fulfillments).toEqual([])
      // One guest checkout among them.
      expect(list.filter((o) => !o.customer.has_account)).toHaveLength(1)

      // The admin API derives the same states from the order's items and payments.
      const { headers } = await createAdminAndLogin(getContainer(), api)
      const res = await api.get(
        "/admin/orders?limit=50&fields=id,email,status,fulfillment_status,payment_status",
        { headers }
      )
      const adminOrders: AdminOrder[] = res.data.orders
      const states = adminOrders
        .map(
          (o) =>
            `${o.email} ${o.status}/${o.fulfillment_status}/${o.payment_status}`
        )
        .sort()
      expect(states).toEqual([
        "can.ozturk@example.com pending/not_fulfilled/authorized",
        "elif.yilmaz@example.com pending/delivered/captured",
        "emily.carter@example.com pending/delivered/captured",
        "james.whitfield@example.com canceled/not_fulfilled/canceled",
        "mehmet.demir@example.com pending/shipped/captured",
        "olivia.bennett@example.com pending/not_fulfilled/authorized",
      ])
    })

    it("leaves abandoned carts with an email and items, and one empty cart", async () => {
      const channelId = await demoChannelId()
      const { data: carts } = await query().graph({
        entity: "cart",
        fields: [
          "id",
          "email",
          "completed_at",
          "sales_channel_id",
          "items.id",
          "items.quantity",
          "customer.has_account",
          "shipping_address.country_code",
        ],
        filters: { sales_channel_id: channelId },
      })
      type GraphCart = {
        email: string | null
        completed_at: Date | null
        items: { id: string; quantity: number }[]
        customer: { has_account: boolean } | null
      }
      const open: GraphCart[] = carts.filter(
        (c: GraphCart) => c.completed_at === null
      )
      const completed = carts.filter((c: GraphCart) => c.completed_at !== null)
      expect(completed).toHaveLength(6)

      const withItems = open.filter((c) => c.items.length > 0)
      expect(withItems).toHaveLength(4)
      for (const cart of withItems) {
        expect(cart.email).toMatch(/@example\.com$/)
        expect(cart.items.every((i) => Number(i.quantity) > 0)).toBe(true)
      }
      // Medusa attaches a guest customer (has_account false) to a cart with an email.
      expect(
        withItems.filter((c) => c.customer?.has_account).map((c) => c.email)
      ).toEqual(
        expect.arrayContaining([
          "zeynep.kaya@example.com",
          "emily.carter@example.com",
        ])
      )
      expect(withItems.filter((c) => !c.customer?.has_account)).toHaveLength(2)

      const empty = open.filter((c) => c.items.length === 0)
      expect(empty.map((c) => c.email)).toEqual(["noah.miller@example.com"])
    })

    it("creates the customers with accounts and addresses", async () => {
      const { data: customers } = await query().graph({
        entity: "customer",
        fields: [
          "email",
          "first_name",
          "has_account",
          "addresses.country_code",
        ],
        filters: { has_account: true },
      })
      expect(customers).toHaveLength(6)
      for (const c of customers) {
        expect(c.email).toMatch(/@example\.com$/)
        expect(c.addresses).toHaveLength(1)
      }
      expect(
        customers.map((c: { first_name: string }) => c.first_name).sort()
      ).toEqual(["Elif", "Emily", "James", "Mehmet", "Olivia", "Zeynep"])
    })

    it("answers NPS history for real orders where it can, so the NPS page's links open them", async () => {
      const container = getContainer()
      const nps: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
      const surveyed = new Set((await nps.listNpsSurveys({})).map((s) => s.order_id))
      const { data: orders } = await query().graph({ entity: "order", fields: ["id", "email", "created_at"] })
      const free = (orders as { id: string; email: string }[]).filter((o) => !surveyed.has(o.id))
      expect(free.length).toBeGreaterThanOrEqual(2)
      // One order placed three weeks ago can carry a history answer; one placed today cannot.
      const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`update "order" set created_at = now() - interval '21 days' where id = ?`, [free[0].id])
      await pg.raw(`update "order" set created_at = now() where id = ?`, [free[1].id])

      const { history } = await prepareDemoNps(container)
      expect(history).toBeGreaterThan(50)
      const surveys = await nps.listNpsSurveys({ fulfillment_id: Array.from({ length: 120 }, (_, n) => `ful_demo_nps_${n}`) })
      expect(surveys).toHaveLength(120)
      const linked = surveys.find((s) => s.order_id === free[0].id)
      expect(linked).toBeDefined()
      expect(linked!.email).toBe(free[0].email)
      expect(new Date(linked!.sent_at!).getTime()).toBeGreaterThanOrEqual(Date.now() - 18 * 86400_000 - 60_000)
      expect(surveys.some((s) => s.order_id === free[1].id)).toBe(false)
      const [answer] = await nps.listNpsResponses({ survey_id: linked!.id })
      expect(answer?.order_id ?? free[0].id).toBe(free[0].id)
    })

    it("does nothing the second time", async () => {
      const container = getContainer()
      const before = await countAll(container)
      expect(before.product).toBe(7)
      expect(before.order).toBe(6)

      const log: string[] = []
      const again = await seedDemoStore(container, { log: (m) => log.push(m) })
      expect(again.seeded).toBe(false)
      expect(log.join("\n")).toMatch(/demo data already present/)
      expect(await countAll(container)).toEqual(before)
    })

    it("adds coffee plans and subscriptions in every state whose renewals are real orders, one renewed by the job minutes after the seed", async () => {
      const container = getContainer()
      const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
      const now = new Date()
      const result = await prepareDemoSubscriptions(container, { now })
      expect(result).toMatchObject({
        seeded: true,
        plans: 3,
        subscriptions: { active: 3, paused: 1, canceled: 1, payment_failed: 1 },
        renewal_orders: 6,
      })

      // Plans: 2, 4 and 6 weeks (4 by default) at 10 % off, on the three coffees.
      const { data: coffees } = await query().graph({ entity: "product", fields: ["id", "handle"], filters: { handle: DEMO_PLAN_PRODUCTS } })
      const plans = await service.listReplenishmentPlans({})
      expect(plans.map((p) => p.product_id).sort()).toEqual(coffees.map((p: { id: string }) => p.id).sort())
      for (const plan of plans) {
        expect(plan).toMatchObject({ variant_id: null, intervals: ["2w", "4w", "6w"], default_interval: "4w", discount_percent: 10, active: true })
      }
      expect(DEMO_PLAN.discount_percent).toBe(10)

      const subs = await service.listSubscriptions({})
      const byStatus = (status: string) => subs.filter((s) => s.status === status)
      expect(subs).toHaveLength(6)
      expect([byStatus("active").length, byStatus("paused").length, byStatus("canceled").length, byStatus("payment_failed").length]).toEqual([3, 1, 1, 1])
      expect(new Set(subs.map((s) => s.currency_code))).toEqual(new Set(["eur", "usd", "try"]))
      const [paused] = byStatus("paused")
      expect(new Date(paused.paused_until!).getTime()).toBeGreaterThan(now.getTime())
      const [canceled] = byStatus("canceled")
      expect(canceled.cancel_reason).toBeTruthy()
      expect(new Date(canceled.canceled_at!).getTime()).toBeLessThan(now.getTime())
      const [failed] = byStatus("payment_failed")
      expect(await service.listSubscriptionRuns({ subscription_id: failed.id, status: "failed" })).toEqual([expect.objectContaining({ attempts: 4, order_id: null })])

      // Each subscription comes from a real order whose line asked for it at checkout.
      const { data: origins } = await query().graph({
        entity: "order",
        fields: ["id", "customer_id", "created_at", "items.metadata"],
        filters: { id: subs.map((s) => s.origin_order_id!) },
      })
      expect(origins).toHaveLength(6)
      for (const sub of subs) {
        const origin = origins.find((o: { id: string }) => o.id === sub.origin_order_id)
        expect(origin.customer_id).toBe(sub.customer_id)
        expect(origin.items[0].metadata.subscribe).toEqual({ interval: sub.interval })
        // Dated back with its subscription: the history starts with the order.
        expect(new Date(origin.created_at).getTime()).toBe(new Date(sub.created_at).getTime())
        expect(new Date(sub.created_at).getTime()).toBeLessThan(now.getTime())
      }

      // Past renewals: ordered runs, each a real order placed from a renewal cart, in the past.
      const runs = await service.listSubscriptionRuns({ status: "ordered" })
      expect(runs).toHaveLength(6)
      const { data: renewals } = await query().graph({
        entity: "order",
        fields: ["id", "customer_id", "created_at", "cart.metadata"],
        filters: { id: runs.map((r) => r.order_id!) },
      })
      expect(renewals).toHaveLength(6)
      for (const run of runs) {
        const order = renewals.find((o: { id: string }) => o.id === run.order_id)
        expect(order.cart.metadata.retention_renewal).toMatchObject({ subscription_id: run.subscription_id, run_id: run.id })
        expect(new Date(order.created_at).getTime()).toBeLessThan(now.getTime())
      }
      // History in order: created first, never in the future.
      for (const sub of subs) {
        const events = await service.listSubscriptionEvents({ subscription_id: sub.id }, { order: { created_at: "ASC" } })
        expect(events[0].action).toBe("created")
        expect(events.every((e) => new Date(e.created_at).getTime() <= now.getTime())).toBe(true)
      }
      expect((await service.listSubscriptionEvents({ subscription_id: canceled.id })).map((e) => e.action)).toEqual(expect.arrayContaining(["skipped", "canceled"]))

      // Exactly one renewal is due within minutes; nothing else is due before tomorrow.
      const soon = byStatus("active").filter((s) => new Date(s.next_run_at).getTime() <= now.getTime() + DAY)
      expect(soon).toHaveLength(1)
      const live = soon[0]
      expect(result.live?.id).toBe(live.id)
      const dueIn = new Date(live.next_run_at).getTime() - now.getTime()
      expect(dueIn).toBeGreaterThan(0)
      expect(dueIn).toBeLessThanOrEqual(DEMO_LIVE_RENEWAL_DELAY_MS)

      // The job's tick after that moment places it: a new order and its email.
      const renewalEmails = async () => (await mailTo(live.email)).filter((m) => m.template === "replenishment-renewal-placed").length
      const emailsBefore = await renewalEmails()
      const tickAt = new Date(new Date(live.next_run_at).getTime() + 60_000)
      for (const deadline = Date.now() + 60_000; ; ) {
        const tick = await renewDueSubscriptions(container, tickAt)
        if (!("skipped" in tick)) break
        if (Date.now() > deadline) throw new Error("the scheduler lease stayed taken for a minute")
        await new Promise((r) => setTimeout(r, 200))
      }
      const [liveRun] = await service.listSubscriptionRuns({ subscription_id: live.id, period: new Date(live.period_at).toISOString().slice(0, 10) })
      expect(liveRun).toMatchObject({ status: "ordered", order_id: expect.stringMatching(/^order_/) })
      expect(await renewalEmails()).toBe(emailsBefore + 1)

      // Loyalty history over months: the points of the dated-back orders at the orders' dates,
      // those past their return window available, signups before the first order.
      const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
      const spread = await spreadDemoLoyaltyHistory(container, { now })
      expect(spread.moved).toBeGreaterThan(0)
      expect(spread.made_available).toBeGreaterThan(0)
      const daily = await loyalty.dailyStats({ since: new Date(now.getTime() - 90 * DAY) })
      const issuedDays = daily.filter((d) => d.issued > 0)
      expect(issuedDays.length).toBeGreaterThan(5)
      expect(new Date(issuedDays[0].day).getTime()).toBeLessThan(now.getTime() - 45 * DAY)
      const summary = await loyalty.programSummary()
      expect(summary.outstanding.available).toBeGreaterThan(6 * 50)
      expect(summary.outstanding.pending).toBeGreaterThan(0)
      // The ledger and the balance cache still agree, for every member.
      for (const member of summary.top) {
        expect(await loyalty.deriveBalance(member.customer_id)).toMatchObject({ available: member.available, pending: member.pending })
      }
      const members = await loyalty.listLoyaltyAccounts({})
      for (const member of members) {
        const [first] = await loyalty.listLoyaltyEntries({ customer_id: member.customer_id }, { order: { created_at: "ASC" }, take: 1 })
        expect(first.reference).toBe("signup")
        expect(new Date(member.created_at).getTime()).toBe(new Date(first.created_at).getTime())
      }

      // A second run adds nothing.
      const countsBefore = await countAll(container)
      const again = await prepareDemoSubscriptions(container)
      expect(again.seeded).toBe(false)
      expect(await service.listSubscriptions({})).toHaveLength(6)
      expect(await countAll(container)).toEqual(countsBefore)
    })

    it("gives the Overview orders that redeemed points in every currency within its default 30 days, each through the redeem workflow", async () => {
      const container = getContainer()
      const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
      const now = new Date()
      // As the seed runs it: the subscriptions' past orders and their points first.
      await prepareDemoSubscriptions(container, { now })
      await spreadDemoLoyaltyHistory(container, { now })
      const result = await seedDemoRedemptions(container, { now })
      expect(result.seeded).toBe(true)
      expect(result.orders).toHaveLength(DEMO_REDEMPTIONS.length)
      expect(result.orders.length).toBeGreaterThanOrEqual(3)
      expect(new Set(result.orders.map((o) => o.currency_code))).toEqual(new Set(["eur", "usd", "try"]))
      await syncOrderFactsWorkflow(container).run({ input: { full: true } })

      // Each is a real order carrying its points code, dated in the last 30 days, with its
      // redemption in the ledger at the order's time.
      const { data: orders } = await query().graph({
        entity: "order",
        fields: ["id", "customer_id", "created_at", "currency_code", "total", "status", "cart.id", "items.adjustments.code", "items.adjustments.amount"],
        filters: { id: result.orders.map((o) => o.order_id) },
      })
      expect(orders).toHaveLength(result.orders.length)
      for (const made of result.orders) {
        const order = orders.find((o: { id: string }) => o.id === made.order_id)
        expect(order.customer_id).toBe(made.customer_id)
        expect(order.status).not.toBe("canceled")
        const placedAt = new Date(order.created_at).getTime()
        expect(placedAt).toBeLessThan(now.getTime() - DAY)
        expect(placedAt).toBeGreaterThan(now.getTime() - 28 * DAY)
        const codes = (order.items as { adjustments: { code: string; amount: number }[] }[]).flatMap((i) => i.adjustments.map((a) => a.code))
        expect(codes.some((c) => c.startsWith("PTS-"))).toBe(true)
        const redeem = await loyalty.listLoyaltyEntries({ order_id: made.order_id, type: "redeem" })
        expect(redeem).toHaveLength(1)
        expect(redeem[0].points).toBe(-made.points)
        expect(made.points).toBeGreaterThanOrEqual(100)
        expect(Math.abs(new Date(redeem[0].created_at).getTime() - placedAt)).toBeLessThan(60_000)
        // The points it earned moved to its date too; ledger and balance cache still agree.
        const [earn] = await loyalty.listLoyaltyEntries({ order_id: made.order_id, type: "earn" })
        expect(Math.abs(new Date(earn.created_at).getTime() - placedAt)).toBeLessThan(60_000)
        const cached = await loyalty.getBalance(made.customer_id)
        expect(await loyalty.deriveBalance(made.customer_id)).toMatchObject({ available: cached.available, pending: cached.pending, held: 0 })
      }

      // The Overview as the page opens it (its default preset, 30 days): points-redemption
      // revenue in every currency, the same orders counted, the points redeemed, the chart's stack.
      const { headers } = await createAdminAndLogin(container, api)
      const { from, to } = presetRange(30, "UTC", now)
      const overview = (await api.get(`/admin/retention/analytics/overview?from=${from}&to=${to}`, { headers })).data
      type Row = { currency_code: string; loyalty_orders: number; loyalty_revenue: number; store_revenue: number; attributed_revenue: number }
      const rows = overview.current.revenue as Row[]
      for (const currency of ["eur", "usd", "try"]) {
        const row = rows.find((r) => r.currency_code === currency)
        const expected = result.orders.filter((o) => o.currency_code === currency)
        const revenue = orders
          .filter((o: { id: string }) => expected.some((e) => e.order_id === o.id))
          .reduce((n: number, o: { total: unknown }) => n + Number(o.total), 0)
        expect({ currency, orders: row?.loyalty_orders }).toEqual({ currency, orders: expected.length })
        expect(row!.loyalty_revenue).toBeGreaterThan(0)
        expect(row!.loyalty_revenue).toBeCloseTo(revenue, 2)
        expect(row!.attributed_revenue).toBeGreaterThanOrEqual(row!.loyalty_revenue)
        expect(row!.store_revenue).toBeGreaterThanOrEqual(row!.loyalty_revenue)
      }
      expect(overview.current.loyalty.redeemed).toBe(result.orders.reduce((n, o) => n + o.points, 0))
      type Series = { currency_code: string; buckets: { stack: { loyalty: number } }[] }
      for (const c of overview.series.currencies as Series[]) {
        expect({ currency: c.currency_code, loyalty: c.buckets.some((b) => b.stack.loyalty > 0) }).toEqual({ currency: c.currency_code, loyalty: true })
      }

      // A second run adds nothing.
      const countsBefore = await countAll(container)
      expect((await seedDemoRedemptions(container, { now })).seeded).toBe(false)
      expect(await countAll(container)).toEqual(countsBefore)
    })

    it("gives the default campaign six weeks of closed history: recoveries with real orders, opens, clicks, a holdout", async () => {
      const container = getContainer()
      const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
      const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
      const now = new Date()
      await prepareDemoCartRecovery(container)
      const result = await seedDemoCartRecoveryHistory(container, { now })
      expect(result).toEqual({ seeded: true, carts: 40, sends: 91, recovered_orders: 10 })

      // The campaign page's figures, through the admin API.
      const { headers } = await createAdminAndLogin(container, api)
      const [campaign] = await service.listRecoveryCampaigns({ is_default: true })
      const { data } = await api.get(`/admin/retention/cart-recovery/campaigns/${campaign.id}`, { headers })
      const stats = data.stats
      expect(stats).toMatchObject({ sends: 91, recoveries: 9, holdout_carts: 6, holdout_conversions: 1 })
      expect(stats.emailed_carts).toBe(34)
      expect(stats.opens).toBeGreaterThan(20)
      expect(stats.clicks).toBeGreaterThan(9)
      expect(stats.incremental_recovery).toBeGreaterThan(0.05)
      for (const currency of ["eur", "try", "usd"]) expect(stats.revenue[currency]).toBeGreaterThan(0)
      type StepRow = { step: number; variant: number; sends: number; opens: number; clicks: number; recoveries: number; revenue: Record<string, number> }
      const row = (step: number, variant: number) => stats.by_step.find((r: StepRow) => r.step === step && r.variant === variant) as StepRow
      for (const [step, variant] of [[1, 0], [1, 1], [2, 0], [3, 0]]) {
        expect(row(step, variant)).toMatchObject({ sends: expect.any(Number), recoveries: expect.any(Number) })
        expect(row(step, variant).sends).toBeGreaterThan(0)
        expect(row(step, variant).opens).toBeGreaterThan(0)
        expect(row(step, variant).recoveries).toBeGreaterThan(0)
        expect(Object.values(row(step, variant).revenue).some((v) => v > 0)).toBe(true)
      }
      const daysWithSends = stats.daily.filter((d: { sends: number }) => d.sends > 0)
      const daysWithRecoveries = stats.daily.filter((d: { recoveries: number }) => d.recoveries > 0)
      expect(daysWithSends.length).toBeGreaterThan(10)
      expect(daysWithRecoveries.length).toBeGreaterThan(3)

      // Every history sequence is closed and never due: the live job leaves them alone.
      const history = await service.listTrackedCarts({ campaign_id: campaign.id, email: { $like: "%@example.com" }, last_activity_at: { $lt: new Date(now.getTime() - DAY) } })
      expect(history).toHaveLength(40)
      for (const cart of history) {
        expect(["recovered", "converted", "expired"]).toContain(cart.status)
        expect(cart.next_action_at).toBeNull()
      }
      const dueLater = await service.listDueCartIds({ now: new Date(now.getTime() + 90 * DAY), limit: 1000 })
      expect(history.filter((c) => dueLater.includes(c.id))).toEqual([])

      // Recovered carts point at real orders, dated when the cart says it ordered, in its
      // currency and for the total it credits.
      const recovered = history.filter((c) => c.status === "recovered" || c.order_id)
      expect(recovered).toHaveLength(10)
      const { data: orders } = await query().graph({
        entity: "order",
        fields: ["id", "created_at", "currency_code", "total", "status", "email", "cart.id"],
        filters: { id: recovered.map((c) => c.order_id!) },
      })
      expect(orders).toHaveLength(10)
      for (const cart of recovered) {
        const order = orders.find((o: { id: string }) => o.id === cart.order_id)
        expect(order.cart.id).toBe(cart.cart_id)
        expect(order.email).toBe(cart.email)
        expect(order.currency_code).toBe(cart.currency_code)
        expect(order.status).not.toBe("canceled")
        expect(new Date(order.created_at).getTime()).toBe(new Date(cart.ordered_at!).getTime())
        expect(Number(order.total)).toBeCloseTo(Number(cart.order_total), 2)
        expect(new Date(cart.ordered_at!).getTime()).toBeGreaterThan(new Date(cart.abandoned_at!).getTime())
      }

      // Each send has its message in the log, gone out, with the provider's timestamps.
      const sends = await service.listRecoverySends({ cart_id: history.map((c) => c.cart_id) })
      expect(sends).toHaveLength(91)
      const messages = await messaging.listMessages({ idempotency_key: sends.map((s) => s.idempotency_key) })
      expect(messages).toHaveLength(91)
      for (const m of messages) {
        expect(["delivered", "opened", "clicked"]).toContain(m.status)
        expect(m.sent_at).toBeTruthy()
        expect(m.html).toContain("</html>")
        expect(new Date(m.created_at).getTime()).toBeLessThan(now.getTime() - DAY)
      }
      expect(messages.filter((m) => m.status === "clicked").every((m) => m.opened_at && m.clicked_at)).toBe(true)

      // The Overview counts the recovered orders' revenue.
      const from = new Date(now.getTime() - 45 * DAY).toISOString().slice(0, 10)
      const to = now.toISOString().slice(0, 10)
      const overview = (await api.get(`/admin/retention/analytics/overview?from=${from}&to=${to}`, { headers })).data
      const recoveredRevenue = (overview.current.revenue as { recovered_orders: number; recovered_revenue: number }[])
      expect(recoveredRevenue.reduce((n, r) => n + r.recovered_orders, 0)).toBe(9)
      expect(recoveredRevenue.every((r) => r.recovered_revenue >= 0)).toBe(true)
      expect(recoveredRevenue.some((r) => r.recovered_revenue > 0)).toBe(true)

      // A second run adds nothing.
      expect(await seedDemoCartRecoveryHistory(container, { now })).toMatchObject({ seeded: false })
      expect(await service.listRecoverySends({ cart_id: history.map((c) => c.cart_id) })).toHaveLength(91)
    })

    it("puts every template in every locale in the outbox once, rendered", async () => {
      const container = getContainer()
      const first = await sendDemoSampleEmails(container, "samples@retention.test")
      expect(first).toHaveLength(listTemplates().length * SUPPORTED_LOCALES.length)
      expect(first.every((r) => r.status === "sent" && !r.duplicate)).toBe(true)

      const again = await sendDemoSampleEmails(container, "samples@retention.test")
      expect(again.every((r) => r.duplicate)).toBe(true)

      const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
      const rows = await messaging.listMessages({ to_email: "samples@retention.test" })
      expect(rows).toHaveLength(first.length)
      for (const row of rows) {
        expect(row.html).toContain("</html>")
        expect(row.subject).toBeTruthy()
      }
    })

    it("runs every flow on the demo's clock, its first emails in the outbox within minutes, with a history behind each", async () => {
      const container = getContainer()
      const { live } = await prepareDemoFlows(container)
      expect(Object.keys(live).sort()).toEqual(["birthday", "post_purchase", "welcome", "win_back"])
      const { headers } = await createAdminAndLogin(container, api)
      const before = (await api.get("/admin/retention/flows", { headers })).data.flows as { kind: string; status: string; steps: { delay_hours: number }[] }[]
      for (const flow of before) {
        expect(flow.status).toBe("active")
        expect(flow.steps.map((s) => s.delay_hours)).toEqual(DEMO_FLOW_DELAYS[flow.kind as keyof typeof DEMO_FLOW_DELAYS])
      }
      // Ten minutes on (the scheduler runs every minute): each live customer's first email is out.
      for (let i = 0; i < 3; i++) {
        const r = await runDueFlowSteps(container, new Date(Date.now() + 10 * 60_000))
        if (!("skipped" in r)) break
        await new Promise((ok) => setTimeout(ok, 1000))
      }
      const firstTemplate = { welcome: "flow-welcome-1", post_purchase: "flow-post-purchase", birthday: "flow-birthday", win_back: "flow-win-back-1" }
      for (const [kind, email] of Object.entries(live)) {
        const mail = await mailTo(email!)
        expect(mail.map((m) => m.template)).toContain(firstTemplate[kind as keyof typeof firstTemplate])
      }

      const history = await seedDemoFlowHistory(container, { exclude: Object.values(live) as string[] })
      expect(history.credited_orders).toBeGreaterThan(0)
      const flows = (await api.get("/admin/retention/flows", { headers })).data.flows as {
        kind: string
        stats: { sends: number; opens: number; clicks: number; revenue: Record<string, number> }
      }[]
      for (const flow of flows) {
        expect({ kind: flow.kind, sends: flow.stats.sends > 0, opens: flow.stats.opens > 0 }).toEqual({ kind: flow.kind, sends: true, opens: true })
      }
      expect(flows.some((f) => Object.values(f.stats.revenue).some((v) => v > 0))).toBe(true)
      // A second run writes nothing more.
      expect((await seedDemoFlowHistory(container)).entries).toBe(0)
    })
  },
})
