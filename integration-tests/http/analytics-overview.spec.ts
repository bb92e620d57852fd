// The Overview through the real app: a small data set with known figures in a fixed range
// (March 2025) and the period before it, built with the store's workflows and the plugin's
// module services, then dated by updating timestamps (time travel by data, never by sleeping).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { RETENTION_LOYALTY_MODULE, type LoyaltyModuleService } from "../../src/modules/loyalty"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import type ReplenishmentModuleService from "../../src/modules/replenishment/service"
import { RETENTION_SETTINGS_MODULE, type RetentionSettingsModuleService } from "../../src/modules/retention-settings"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"
import { orderFactHelpers } from "../helpers/order-facts"
import type { RevenueBucket } from "../../src/lib/analytics/overview"

jest.setTimeout(300_000)

type Pg = { raw: (sql: string, bindings: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

const RANGE = "from=2025-03-01&to=2025-03-31"
// In March (the range) and in February (inside the 31 days before it, the previous period).
const MARCH = (day: number) => new Date(Date.UTC(2025, 2, day, 12))
const FEB = (day: number) => new Date(Date.UTC(2025, 1, day, 12))
const DAY = 86400_000

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const container = (): MedusaContainer => getContainer()
    const { service: recovery, createEuroCart, completeCart, tracked } = cartRecoveryHelpers(container)
    const pg = (): Pg => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const { syncFacts, fact } = orderFactHelpers(container)
    // Order totals as Medusa computed them, keyed O1…O7, R1 and R2.
    const totals: Record<string, number> = {}
    // Money in the answer is rounded to cents; sums of floats here are not.
    const cents = (value: number) => Math.round(value * 100) / 100
    // The demo seed's own loyalty members and points, before this data set adds its own.
    let seeded: { members: number; points: Record<string, number> }

    /** A real EUR order placed on `at`; the plugin's own tracking of its cart has settled. */
    const placeOrder = async (key: string, at: Date, sku: string, quantity: number) => {
      const cart = await createEuroCart({ email: `${key.toLowerCase()}@example.com`, items: [[sku, quantity]] })
      await eventually(async () => (await recovery().listTrackedCarts({ cart_id: cart.id }))[0])
      const order = await completeCart(cart.id)
      await eventually(async () => (await tracked(cart.id)).order_id)
      // The order.placed subscriber has written its fact (from the real date) before the order
      // is dated back: the catch-up below then copies the date, and nothing overwrites it.
      await eventually(() => fact(order.id))
      await pg().raw(`update "order" set created_at = ? where id = ?`, [at.toISOString(), order.id])
      const { data } = await container()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({ entity: "order", fields: ["id", "total"], filters: { id: order.id } })
      totals[key] = Number(data[0].total)
      return { cartId: cart.id, orderId: order.id }
    }

    /** The cart-recovery module's verdict for the order's cart: an email recovered it. */
    const markRecovered = async (cartId: string, orderId: string, at: Date, currency = "eur", total?: number) => {
      const row = await tracked(cartId)
      await recovery().updateTrackedCarts({
        id: row.id,
        status: "recovered",
        currency_code: currency,
        order_id: orderId,
        ordered_at: at,
        order_total: total ?? 0,
        abandoned_at: new Date(at.getTime() - 86400_000),
        last_sent_at: new Date(at.getTime() - 3600_000),
        next_action_at: null,
      })
    }

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })

      // Orders: O1 recovered, O2 paid with points, O3 both, O4 neither, O5 recovered in USD,
      // O7 canceled (not revenue), all in March; O6 recovered in February.
      const o1 = await placeOrder("O1", MARCH(5), "ETH-YIRG-250", 1)
      const o2 = await placeOrder("O2", MARCH(6), "ETH-YIRG-250", 2)
      const o3 = await placeOrder("O3", MARCH(7), "ETH-YIRG-250", 3)
      await placeOrder("O4", MARCH(8), "ETH-YIRG-250", 1)
      const o5 = await placeOrder("O5", MARCH(9), "ETH-YIRG-250", 1)
      const o6 = await placeOrder("O6", FEB(10), "ETH-YIRG-250", 2)
      const o7 = await placeOrder("O7", MARCH(10), "ETH-YIRG-250", 5)
      // A second currency without a second checkout: the order and its tracking say USD.
      await pg().raw(`update "order" set currency_code = 'usd' where id = ?`, [o5.orderId])
      await pg().raw(`update "order" set status = 'canceled', canceled_at = ? where id = ?`, [MARCH(11).toISOString(), o7.orderId])
      await markRecovered(o1.cartId, o1.orderId, MARCH(5), "eur", 40)
      await markRecovered(o3.cartId, o3.orderId, MARCH(7), "eur", 80)
      await markRecovered(o5.cartId, o5.orderId, MARCH(9), "usd", 25)
      await markRecovered(o6.cartId, o6.orderId, FEB(10), "eur", 50)
      // Subscription renewals: R1 in March and R2 in February (EUR); a renewal run whose order
      // was canceled (O7) is not revenue.
      const r1 = await placeOrder("R1", MARCH(12), "ETH-YIRG-250", 4)
      const r2 = await placeOrder("R2", FEB(12), "ETH-YIRG-250", 3)
      // The rest of March's recovery cohort: one more emailed cart that did not order, and a
      // holdout of two carts of which one ordered 10 on its own. Emailed: 3 carts, 120 (40 + 80).
      await recovery().createTrackedCarts([
        { cart_id: "cart_overview_e3", email: "e3@example.com", currency_code: "eur", value: 30, last_activity_at: MARCH(1), status: "expired", abandoned_at: MARCH(2), last_sent_at: MARCH(3) },
        { cart_id: "cart_overview_h1", email: "h1@example.com", currency_code: "eur", value: 30, last_activity_at: MARCH(1), status: "converted", holdout: true, abandoned_at: MARCH(2), order_id: "order_overview_h1", ordered_at: MARCH(4), order_total: 10 },
        { cart_id: "cart_overview_h2", email: "h2@example.com", currency_code: "eur", value: 30, last_activity_at: MARCH(1), status: "expired", holdout: true, abandoned_at: MARCH(2) },
      ])

      // Subscriptions (today is the real date; the range is March 2025):
      //   S1 active, EUR 30 every 2 weeks, started Feb 10, due in 3 days (renewed R2 and R1)
      //   S2 active, USD 20 every month, started March 5 (its run's order O7 was canceled)
      //   S3 paused, EUR, started March 6
      //   S4 canceled 10 days ago, EUR, started March 7
      //   S5 canceled March 20, EUR, started Feb 1
      //   S6 payment failed, EUR, started 5 days ago
      const replenishment: ReplenishmentModuleService = container().resolve(RETENTION_REPLENISHMENT_MODULE)
      const now = Date.now()
      const subscription = (key: string, over: Record<string, unknown>) => ({
        customer_id: `cus_overview_${key}`,
        email: `${key}@example.com`,
        items: [{ variant_id: "variant_overview", product_id: "prod_overview", quantity: 1, title: "Beans" }] as unknown as Record<string, unknown>,
        interval: "4w",
        period_at: new Date(now + 20 * DAY),
        next_run_at: new Date(now + 20 * DAY),
        status: "active" as const,
        region_id: "reg_overview",
        currency_code: "eur",
        shipping_address: { country_code: "de" },
        payment_provider_id: "pp_system_default",
        renewal_value: 25,
        ...over,
      })
      const subs = await replenishment.createSubscriptions([
        subscription("s1", { interval: "2w", renewal_value: 30, period_at: new Date(now + 3 * DAY), next_run_at: new Date(now + 3 * DAY) }),
        subscription("s2", { interval: "1m", renewal_value: 20, currency_code: "usd" }),
        subscription("s3", { status: "paused", renewal_value: 15 }),
        subscription("s4", { status: "canceled", canceled_at: new Date(now - 10 * DAY) }),
        subscription("s5", { status: "canceled", canceled_at: MARCH(20) }),
        subscription("s6", { status: "payment_failed", interval: "2w" }),
      ])
      const started: Record<string, Date> = { s1: FEB(10), s2: MARCH(5), s3: MARCH(6), s4: MARCH(7), s5: FEB(1), s6: new Date(now - 5 * DAY) }
      for (const sub of subs) {
        await pg().raw(`update retention_subscription set created_at = ? where id = ?`, [started[sub.email.split("@")[0]].toISOString(), sub.id])
      }
      const run = (sub: number, period: string, orderId: string) => ({
        subscription_id: subs[sub].id,
        key: `${subs[sub].id}:${period}`,
        period,
        scheduled_for: new Date(`${period}T12:00:00Z`),
        status: "ordered" as const,
        order_id: orderId,
      })
      await replenishment.createSubscriptionRuns([run(0, "2025-02-12", r2.orderId), run(0, "2025-03-12", r1.orderId), run(1, "2025-03-10", o7.orderId)])

      // Loyalty: March issues 150 (100 + 50), redeems 50 on O2 and O3, expires 10; February issues 20.
      const loyalty: LoyaltyModuleService = container().resolve(RETENTION_LOYALTY_MODULE)
      const before = await loyalty.programSummary()
      seeded = { members: before.members, points: Object.fromEntries(before.by_currency.map((c) => [c.currency_code, c.points])) }
      const entry = (type: "earn" | "redeem" | "expire", points: number, ref: string, extra: Record<string, unknown> = {}) => ({
        type, points, status: "available" as const, reference: "overview-test", reference_id: ref, ...extra,
      })
      const a = await loyalty.recordEntries("cus_overview_a", [
        entry("earn", 100, "a-earn", { currency_code: "eur" }),
        entry("redeem", -30, "a-redeem-o2", { order_id: o2.orderId }),
        entry("redeem", -20, "a-redeem-o3", { order_id: o3.orderId }),
      ])
      const b = await loyalty.recordEntries("cus_overview_b", [
        entry("earn", 50, "b-earn", { currency_code: "usd" }),
        entry("expire", -10, "b-expire"),
      ])
      const c = await loyalty.recordEntries("cus_overview_c", [entry("earn", 20, "c-earn", { currency_code: "eur" })])
      const dated = (rows: { id: string }[], at: Date) =>
        pg().raw(`update retention_loyalty_entry set created_at = ? where id = any(?)`, [at.toISOString(), rows.map((r) => r.id)])
      await dated([...a.inserted, ...b.inserted], MARCH(12))
      await dated(c.inserted, FEB(12))

      // Messages: five went out in March (m4 bounced; m2 drew a complaint, m3 an unsubscribe),
      // two did not (failed, queued); one went out in February.
      const messaging: MessagingModuleService = container().resolve(RETENTION_MESSAGING_MODULE)
      const message = (key: string, status: string, extra: Record<string, unknown> = {}) => ({
        idempotency_key: `overview:${key}`, topic: "cart_recovery" as const, category: "marketing" as const,
        template: "cart-recovery", locale: "en", to_email: `${key}@example.com`, status, ...extra,
      })
      const messages = await messaging.createMessages([
        message("m1", "delivered", { sent_at: MARCH(2), delivered_at: MARCH(2) }),
        message("m2", "opened", { sent_at: MARCH(2), delivered_at: MARCH(2), opened_at: MARCH(3) }),
        message("m3", "clicked", { sent_at: MARCH(2), delivered_at: MARCH(2), opened_at: MARCH(3), clicked_at: MARCH(3) }),
        message("m4", "bounced", { sent_at: MARCH(2) }),
        message("m5", "sent", { sent_at: MARCH(2) }),
        message("m6", "failed"),
        message("m7", "queued"),
        message("m8", "sent", { sent_at: FEB(2) }),
      ] as Parameters<MessagingModuleService["createMessages"]>[0])
      const id = (key: string) => messages.find((m) => m.idempotency_key === `overview:${key}`)!.id
      await pg().raw(`update retention_message set created_at = ? where idempotency_key like 'overview:m%' and idempotency_key <> 'overview:m8'`, [MARCH(2).toISOString()])
      await pg().raw(`update retention_message set created_at = ? where idempotency_key = 'overview:m8'`, [FEB(2).toISOString()])
      await messaging.createMessageEvents([
        { message_id: id("m2"), type: "spamreport", occurred_at: MARCH(4) },
        { message_id: id("m3"), type: "unsubscribe", occurred_at: MARCH(4) },
      ])
      await messaging.createSendPauses([
        { scope: "topic:cart_recovery", reason: "complaints" },
        { scope: "topic:nps", reason: "complaints", resumed_at: MARCH(20) },
      ])

      // NPS: five surveys sent in March; confirmed answers 10, 9 and 3 (a tentative 0 does not
      // count); one survey in February answered 2.
      const nps: NpsModuleService = container().resolve(RETENTION_NPS_MODULE)
      const survey = (key: string, sentAt: Date) => ({
        order_id: `order_overview_${key}`, email: `${key}@example.com`, fulfillment_id: `ful_${key}`,
        delivered_at: sentAt, due_at: sentAt, sent_at: sentAt, status: "sent" as const,
      })
      const surveys = await nps.createNpsSurveys([
        survey("s1", MARCH(3)), survey("s2", MARCH(3)), survey("s3", MARCH(3)), survey("s4", MARCH(3)),
        survey("s5", MARCH(3)), survey("s6", FEB(3)),
      ])
      const response = (i: number, score: number, category: "promoter" | "passive" | "detractor", status: "confirmed" | "tentative", at: Date) => ({
        survey_id: surveys[i].id, order_id: surveys[i].order_id, email: surveys[i].email, score, category, status,
        first_clicked_at: at, last_clicked_at: at, confirmed_at: status === "confirmed" ? at : null,
      })
      await nps.createNpsResponses([
        response(0, 10, "promoter", "confirmed", MARCH(4)),
        response(1, 9, "promoter", "confirmed", MARCH(4)),
        response(2, 3, "detractor", "confirmed", MARCH(4)),
        response(4, 0, "detractor", "tentative", MARCH(4)),
        response(5, 2, "detractor", "confirmed", FEB(4)),
      ])

      // The orders were dated, moved to USD and canceled by SQL, which emits no event: the
      // catch-up copies their state into the order facts the reports read.
      await syncFacts()
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
    })

    const overview = async (query = RANGE) => (await api.get(`/admin/retention/analytics/overview?${query}`, { headers })).data

    it("attributes revenue per program and per currency, each order once, against store revenue", async () => {
      const body = await overview()
      // The store's time zone is UTC here (the default); see the Istanbul case below.
      expect(body.time_zone).toBe("UTC")
      expect(body.range).toEqual({ from: "2025-03-01T00:00:00.000Z", to: "2025-04-01T00:00:00.000Z" })
      expect(body.previous_range).toEqual({ from: "2025-01-29T00:00:00.000Z", to: "2025-03-01T00:00:00.000Z" })
      const { O1, O2, O3, O4, O5, O6, R1, R2 } = totals
      const eur = body.current.revenue.find((r: { currency_code: string }) => r.currency_code === "eur")
      expect(eur).toMatchObject({
        // O7 was canceled; O5 is in USD.
        store_orders: 5,
        store_revenue: cents(O1 + O2 + O3 + O4 + R1),
        recovered_orders: 2,
        recovered_revenue: cents(O1 + O3),
        loyalty_orders: 2,
        loyalty_revenue: cents(O2 + O3),
        // R1 renewed a subscription; O7's renewal was canceled and is not revenue.
        renewal_orders: 1,
        renewal_revenue: R1,
        // O3 is in both programs and counts once.
        attributed_orders: 4,
        attributed_revenue: cents(O1 + O2 + O3 + R1),
        emailed_carts: 3,
        holdout_carts: 2,
        holdout_orders: 1,
        // 120 over 3 emailed carts (40 a cart) against 10 over 2 holdout carts (5 a cart): 35 × 3.
        incremental_revenue: 105,
      })
      expect(eur.attributed_share).toBeCloseTo((O1 + O2 + O3 + R1) / (O1 + O2 + O3 + O4 + R1), 10)
      const usd = body.current.revenue.find((r: { currency_code: string }) => r.currency_code === "usd")
      expect(usd).toMatchObject({
        store_orders: 1,
        store_revenue: O5,
        recovered_orders: 1,
        recovered_revenue: O5,
        loyalty_orders: 0,
        renewal_orders: 0,
        attributed_share: 1,
        incremental_revenue: null,
      })
      expect(body.current.revenue).toHaveLength(2)
      // February: O6, recovered, and the renewal R2; no holdout then.
      expect(body.previous.revenue).toEqual([
        expect.objectContaining({
          currency_code: "eur",
          store_orders: 2,
          store_revenue: cents(O6 + R2),
          recovered_revenue: O6,
          renewal_orders: 1,
          renewal_revenue: R2,
          attributed_orders: 2,
          attributed_share: 1,
          incremental_revenue: null,
        }),
      ])
    })

    type Bucket = RevenueBucket
    type Series = { bucket: string; currencies: { currency_code: string; buckets: Bucket[] }[] }
    /** A bucket with only the figures given, the rest 0. */
    const bucket = (start: string, figures: Partial<Omit<Bucket, "start" | "stack">> = {}, stack: Partial<Bucket["stack"]> = {}): Bucket => ({
      start,
      store_orders: 0,
      store_revenue: 0,
      recovered_revenue: 0,
      loyalty_revenue: 0,
      renewal_revenue: 0,
      attributed_revenue: 0,
      ...figures,
      stack: { recovered: 0, renewal: 0, loyalty: 0, ...stack },
    })
    const bucketsOf = (series: Series, currency: string) => series.currencies.find((c) => c.currency_code === currency)!.buckets
    const sum = (buckets: Bucket[], pick: (b: Bucket) => number) => cents(buckets.reduce((s, b) => s + pick(b), 0))

    it("draws revenue per store day up to 90 days, the attributed parts apart, one series per currency", async () => {
      const body = await overview()
      const series: Series = body.series
      const { O1, O2, O3, O4, O5, R1 } = totals
      expect(series.bucket).toBe("day")
      expect(series.currencies.map((c) => c.currency_code)).toEqual(["eur", "usd"])
      const eur = bucketsOf(series, "eur")
      // Every day of March, days without orders included.
      expect(eur).toHaveLength(31)
      expect(eur[0].start).toBe("2025-03-01")
      expect(eur[30].start).toBe("2025-03-31")
      // O3 is recovered and paid with points: in both programs, stacked once (as recovered).
      // O7 (10 March) was canceled; O5 (9 March) is in the USD series only.
      expect(eur.filter((b) => b.store_orders > 0)).toEqual([
        bucket("2025-03-05", { store_orders: 1, store_revenue: cents(O1), recovered_revenue: cents(O1), attributed_revenue: cents(O1) }, { recovered: cents(O1) }),
        bucket("2025-03-06", { store_orders: 1, store_revenue: cents(O2), loyalty_revenue: cents(O2), attributed_revenue: cents(O2) }, { loyalty: cents(O2) }),
        bucket(
          "2025-03-07",
          { store_orders: 1, store_revenue: cents(O3), recovered_revenue: cents(O3), loyalty_revenue: cents(O3), attributed_revenue: cents(O3) },
          { recovered: cents(O3) }
        ),
        bucket("2025-03-08", { store_orders: 1, store_revenue: cents(O4) }),
        bucket("2025-03-12", { store_orders: 1, store_revenue: cents(R1), renewal_revenue: cents(R1), attributed_revenue: cents(R1) }, { renewal: cents(R1) }),
      ])
      const usd = bucketsOf(series, "usd")
      expect(usd).toHaveLength(31)
      expect(usd.filter((b) => b.store_orders > 0)).toEqual([
        bucket("2025-03-09", { store_orders: 1, store_revenue: cents(O5), recovered_revenue: cents(O5), attributed_revenue: cents(O5) }, { recovered: cents(O5) }),
      ])
      // The buckets add up to the range's figures, and the stack to the attributed revenue.
      for (const currency of ["eur", "usd"]) {
        const buckets = bucketsOf(series, currency)
        const figures = body.current.revenue.find((r: { currency_code: string }) => r.currency_code === currency)
        expect(buckets.reduce((s, b) => s + b.store_orders, 0)).toBe(figures.store_orders)
        expect(sum(buckets, (b) => b.store_revenue)).toBe(figures.store_revenue)
        expect(sum(buckets, (b) => b.recovered_revenue)).toBe(figures.recovered_revenue)
        expect(sum(buckets, (b) => b.loyalty_revenue)).toBe(figures.loyalty_revenue)
        expect(sum(buckets, (b) => b.renewal_revenue)).toBe(figures.renewal_revenue)
        expect(sum(buckets, (b) => b.attributed_revenue)).toBe(figures.attributed_revenue)
        expect(sum(buckets, (b) => b.stack.recovered + b.stack.renewal + b.stack.loyalty)).toBe(figures.attributed_revenue)
      }
    })

    it("draws revenue per ISO week (Monday first) beyond 90 days", async () => {
      // 1 January (a Wednesday) to 30 April 2025, 120 days: weeks from Monday 30 December 2024
      // to Monday 28 April 2025, 18 of them.
      const body = await overview("from=2025-01-01&to=2025-04-30")
      const series: Series = body.series
      const { O1, O2, O3, O4, O5, O6, R1, R2 } = totals
      expect(series.bucket).toBe("week")
      const eur = bucketsOf(series, "eur")
      expect(eur).toHaveLength(18)
      expect(eur[0].start).toBe("2024-12-30")
      expect(eur[17].start).toBe("2025-04-28")
      expect(eur.filter((b) => b.store_orders > 0)).toEqual([
        // O6 on Monday 10 February, R2 on Wednesday 12 February.
        bucket(
          "2025-02-10",
          { store_orders: 2, store_revenue: cents(O6 + R2), recovered_revenue: cents(O6), renewal_revenue: cents(R2), attributed_revenue: cents(O6 + R2) },
          { recovered: cents(O6), renewal: cents(R2) }
        ),
        // O1–O4 from Wednesday 5 to Saturday 8 March.
        bucket(
          "2025-03-03",
          {
            store_orders: 4,
            store_revenue: cents(O1 + O2 + O3 + O4),
            recovered_revenue: cents(O1 + O3),
            loyalty_revenue: cents(O2 + O3),
            attributed_revenue: cents(O1 + O2 + O3),
          },
          { recovered: cents(O1 + O3), loyalty: cents(O2) }
        ),
        bucket("2025-03-10", { store_orders: 1, store_revenue: cents(R1), renewal_revenue: cents(R1), attributed_revenue: cents(R1) }, { renewal: cents(R1) }),
      ])
      // Sunday 9 March ends the week that began on Monday 3 March.
      expect(bucketsOf(series, "usd").filter((b) => b.store_orders > 0)).toEqual([
        bucket("2025-03-03", { store_orders: 1, store_revenue: cents(O5), recovered_revenue: cents(O5), attributed_revenue: cents(O5) }, { recovered: cents(O5) }),
      ])
    })

    it("reports email health, loyalty and NPS for the range and the previous period", async () => {
      const body = await overview()
      expect(body.current.email).toEqual({
        sent: 5,
        delivered: 3,
        opened: 2,
        clicked: 1,
        bounced: 1,
        complaints: 1,
        unsubscribes: 1,
        rates: { delivered: 0.6, opened: 0.4, clicked: 0.2, bounced: 0.2, complaints: 0.2, unsubscribes: 0.2 },
      })
      expect(body.previous.email).toMatchObject({ sent: 1, delivered: 0, rates: expect.objectContaining({ delivered: 0 }) })
      expect(body.now.active_pauses).toBe(1)

      expect(body.current.loyalty).toEqual({ issued: 150, redeemed: 50, expired: 10, active_members: 2 })
      expect(body.previous.loyalty).toEqual({ issued: 20, redeemed: 0, expired: 0, active_members: 1 })
      // Outstanding on top of the demo's members: a holds 50 (earned in EUR), b 40 (USD), c 20
      // (EUR), each currency at the default 0.01 a point.
      expect(body.now.loyalty_members).toBe(seeded.members + 3)
      const eurPoints = (seeded.points.eur ?? 0) + 70
      const usdPoints = (seeded.points.usd ?? 0) + 40
      expect(body.now.loyalty_liability).toEqual(
        expect.arrayContaining([
          { currency_code: "eur", points: eurPoints, point_value: 0.01, amount: cents(eurPoints * 0.01) },
          { currency_code: "usd", points: usdPoints, point_value: 0.01, amount: cents(usdPoints * 0.01) },
        ])
      )

      // (2 promoters − 1 detractor) / 3 responses = 33.3; 3 of 5 surveys answered.
      expect(body.current.nps).toEqual({
        score: 33.3,
        responses: 3,
        promoters: 2,
        passives: 0,
        detractors: 1,
        surveys_sent: 5,
        surveys_answered: 3,
        response_rate: 0.6,
      })
      expect(body.previous.nps).toMatchObject({ score: -100, responses: 1, detractors: 1, surveys_sent: 1, response_rate: 1 })
    })

    it("counts subscriptions: active and recurring revenue today, started and canceled in the range", async () => {
      const body = await overview()
      // S2, S3 and S4 started in March, S5 was canceled then; S1 and S5 started in February.
      expect(body.current.subscriptions).toEqual({ started: 3, canceled: 1 })
      expect(body.previous.subscriptions).toEqual({ started: 2, canceled: 0 })
      expect(body.now.subscriptions).toEqual({
        active: 2,
        paused: 1,
        payment_failed: 1,
        canceled_30d: 1,
        // S4 of the four live 30 days ago (S1–S4; S5 ended long before, S6 is new).
        churn_30d: 0.25,
        // A month is 30.4375 days: EUR 30 every 14 days is 65.22 a month; USD 20 monthly is 20.
        mrr: [
          { currency_code: "eur", amount: 65.22 },
          { currency_code: "usd", amount: 20 },
        ],
        // S1, due in 3 days.
        due_7d: { count: 1, value: [{ currency_code: "eur", amount: 30 }] },
      })
    })

    it("is empty, not wrong, for a range without data", async () => {
      const body = await overview("from=2024-06-01&to=2024-06-07")
      expect(body.current.revenue).toEqual([])
      expect(body.series).toEqual({ bucket: "day", currencies: [] })
      expect(body.current.email.sent).toBe(0)
      expect(body.current.email.rates.delivered).toBeNull()
      expect(body.current.nps).toMatchObject({ score: null, responses: 0, response_rate: null })
      expect(body.current.subscriptions).toEqual({ started: 0, canceled: 0 })
    })

    it("reads calendar days in the store's time zone (Settings → Brand), the previous period too", async () => {
      // September 2024 in Istanbul (UTC+3) is [31 Aug 21:00, 30 Sep 21:00) UTC; the 30 days
      // before it, 2 to 31 August, are [1 Aug 21:00, 31 Aug 21:00) UTC. In UTC days every row
      // below would land in the other period or outside both.
      //   T1 order at 00:30 on 1 Sep Istanbul (31 Aug UTC): September.
      //   T2 order at 00:30 on 1 Oct Istanbul (30 Sep UTC): neither.
      //   t1 email at 23:59 on 30 Sep Istanbul, t2 at 01:00 on 1 Sep (31 Aug UTC): September.
      //   t3 email at 00:30 on 2 Aug Istanbul (1 Aug UTC): the previous period.
      const settings: RetentionSettingsModuleService = container().resolve(RETENTION_SETTINGS_MODULE)
      await placeOrder("T1", new Date("2024-08-31T21:30:00Z"), "ETH-YIRG-250", 1)
      await placeOrder("T2", new Date("2024-09-30T21:30:00Z"), "ETH-YIRG-250", 2)
      await syncFacts()
      const messaging: MessagingModuleService = container().resolve(RETENTION_MESSAGING_MODULE)
      const emails: [string, string][] = [["t1", "2024-09-30T20:59:00Z"], ["t2", "2024-08-31T22:00:00Z"], ["t3", "2024-08-01T21:30:00Z"]]
      await messaging.createMessages(
        emails.map(([key, at]) => ({
          idempotency_key: `overview-tz:${key}`, topic: "cart_recovery" as const, category: "marketing" as const,
          template: "cart-recovery", locale: "en", to_email: `${key}@example.com`, status: "sent", sent_at: new Date(at),
        })) as Parameters<MessagingModuleService["createMessages"]>[0]
      )
      for (const [key, at] of emails) {
        await pg().raw(`update retention_message set created_at = ? where idempotency_key = ?`, [at, `overview-tz:${key}`])
      }

      await settings.saveSection("brand", { timezone: "Europe/Istanbul" }, null)
      try {
        const body = await overview("from=2024-09-01&to=2024-09-30")
        expect(body.time_zone).toBe("Europe/Istanbul")
        expect(body.range).toEqual({ from: "2024-08-31T21:00:00.000Z", to: "2024-09-30T21:00:00.000Z" })
        expect(body.previous_range).toEqual({ from: "2024-08-01T21:00:00.000Z", to: "2024-08-31T21:00:00.000Z" })
        expect(body.current.revenue).toEqual([expect.objectContaining({ currency_code: "eur", store_orders: 1, store_revenue: totals.T1 })])
        // The days are Istanbul's: T1 (31 August in UTC) is on the chart's first day.
        const series: Series = body.series
        expect(series.currencies.map((c) => c.currency_code)).toEqual(["eur"])
        const days = bucketsOf(series, "eur")
        expect(days).toHaveLength(30)
        expect([days[0].start, days[29].start]).toEqual(["2024-09-01", "2024-09-30"])
        expect(days.filter((b) => b.store_orders > 0)).toEqual([bucket("2024-09-01", { store_orders: 1, store_revenue: cents(totals.T1) })])
        expect(body.current.email.sent).toBe(2)
        expect(body.previous.revenue).toEqual([])
        expect(body.previous.email.sent).toBe(1)
      } finally {
        await settings.saveSection("brand", { timezone: "UTC" }, null)
      }
    })

    it("refuses invalid dates, inverted ranges and ranges over five years, naming the field", async () => {
      const status = async (query: string) => {
        const res = await api.get(`/admin/retention/analytics/overview?${query}`, { headers }).catch((e: { response: { status: number; data: { message?: string } } }) => e.response)
        return [res.status, res.data.message]
      }
      expect(await status("from=2025-02-30")).toEqual([400, "from: must be a valid date"])
      expect(await status("to=last-week")).toEqual([400, "to: must be an ISO date such as 2026-01-31"])
      expect(await status("from=2025-03-31&to=2025-03-01")).toEqual([400, "to: must be after from"])
      expect(await status("from=2019-01-01&to=2025-03-01")).toEqual([400, "to: the range may span at most 5 years"])
      expect(await status("days=7")).toEqual([400, "days: unknown field"])
      const anonymous = await api.get(`/admin/retention/analytics/overview?${RANGE}`).catch((e: { response: { status: number; data: { message?: string } } }) => e.response)
      expect(anonymous.status).toBe(401)
    })
  },
})
