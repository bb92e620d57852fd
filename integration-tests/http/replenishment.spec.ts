// Auto-replenish subscriptions through the real app and PostgreSQL: plans, subscribing at
// checkout (server-applied discount, duplicate order.placed), renewals as real orders through
// Medusa's checkout (one order per period under concurrent ticks and after a crash), dunning with
// a provider that declines, out of stock, self-service and its ownership checks, bad input, and
// the signed email links. Time moves by passing `now` to the job, never by sleeping.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { renewDueSubscriptions } from "../../src/jobs/renew-due-subscriptions"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import type ReplenishmentModuleService from "../../src/modules/replenishment/service"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import subscribeFromPlacedOrder from "../../src/subscribers/replenishment-order-placed-subscribe"
import { renewSubscription } from "../../src/workflows/replenishment/renew-subscription"
import { sendRunningLowEmails } from "../../src/workflows/replenishment/running-low"
import { createCartWorkflow, createProductsWorkflow, updateProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"
import { createShopper } from "../helpers/customers"
import { TEST_PROGRAM } from "../helpers/loyalty"
import { settle, useOutbox } from "../helpers/outbox"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("replenishment")
const DAY = 86400_000

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { store, createEuroCart, completeCart } = cartRecoveryHelpers(container)
    const service = (): ReplenishmentModuleService => container().resolve(RETENTION_REPLENISHMENT_MODULE)
    const query = () => container().resolve(ContainerRegistrationKeys.QUERY)
    let admin: { headers: { authorization: string }; userId: string }

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      admin = await createAdminAndLogin(container(), api)
    })

    const productOf = async (sku: string) => {
      const { data } = await query().graph({ entity: "product_variant", fields: ["id", "product_id"], filters: { sku } })
      return data[0] as { id: string; product_id: string }
    }

    const createPlan = async (sku = "ETH-YIRG-250", over: Record<string, unknown> = {}) => {
      const v = await productOf(sku)
      const res = await api.post(
        "/admin/retention/replenishment/plans",
        { product_id: v.product_id, intervals: ["2w", "4w", "6w"], default_interval: "4w", discount_percent: 10, ...over },
        { headers: admin.headers }
      )
      expect(res.status).toBe(200)
      return res.data.plan
    }

    const shopper = async (email: string) => {
      const { customer, token } = await createShopper(container(), api, email)
      const s = await store()
      return { customer, headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": s.publishableKey } }
    }

    /** Subscribes at checkout through the store route and places the order. */
    const subscribeAtCheckout = async (who: Awaited<ReturnType<typeof shopper>>, interval = "4w", quantity = 2) => {
      const s = await store()
      const cart = await createEuroCart({ customer_id: who.customer.id, email: who.customer.email, items: [] })
      const added = await settle(
        api.post("/store/retention/replenishment/cart-items", { cart_id: cart.id, variant_id: s.variant("ETH-YIRG-250"), quantity, interval }, { headers: who.headers })
      )
      expect([added.status, added.data.message]).toEqual([200, undefined])
      const order = await completeCart(cart.id)
      const [sub] = await eventually(async () => {
        const rows = await service().listSubscriptions({ origin_order_id: order.id })
        return rows.length ? rows : null
      })
      return { order, sub, cart: added.data.cart }
    }

    const ordersOf = async (customerId: string) => {
      const { data } = await query().graph({ entity: "order", fields: ["id", "total", "discount_total", "items.unit_price"], filters: { customer_id: customerId } })
      return data as { id: string; total: number; discount_total: number; items: { unit_price: number }[] }[]
    }

    /** Makes the subscription's current period due now (time travel by data). */
    const makeDue = async (id: string, at = new Date(Date.now() - 60_000)) => {
      await service().updateSubscriptions({ id, period_at: at, next_run_at: at })
    }

    /** One tick as a test wants it: waits for the lease if the app's own scheduler holds it. */
    const tick = async (now?: Date) => {
      const deadline = Date.now() + 60_000
      for (;;) {
        const result = await renewDueSubscriptions(container(), now)
        if (!("skipped" in result)) return result
        if (Date.now() > deadline) throw new Error("the scheduler lease stayed taken for a minute")
        await new Promise((r) => setTimeout(r, 100))
      }
    }

    it("plans: the admin sets one (refusals name the field) and the storefront reads it", async () => {
      const v = await productOf("ETH-YIRG-250")
      const bad = await settle(
        api.post("/admin/retention/replenishment/plans", { product_id: v.product_id, intervals: ["2w"], default_interval: "4w" }, { headers: admin.headers })
      )
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/^default_interval: /)
      const badCode = await settle(
        api.post("/admin/retention/replenishment/plans", { product_id: v.product_id, intervals: ["2x"], default_interval: "2x" }, { headers: admin.headers })
      )
      expect(badCode.status).toBe(400)
      expect(badCode.data.message).toMatch(/intervals\.0: /)
      expect(await service().listReplenishmentPlans({})).toHaveLength(0)
      const plan = await createPlan()
      // Saving again replaces the plan instead of adding a second one.
      await createPlan("ETH-YIRG-250", { discount_percent: 15 })
      const s = await store()
      const res = await api.get(`/store/retention/replenishment/plans?product_id=${plan.product_id}`, { headers: { "x-publishable-api-key": s.publishableKey } })
      expect(res.data.plans).toEqual([expect.objectContaining({ product_id: plan.product_id, intervals: ["2w", "4w", "6w"], default_interval: "4w", discount_percent: 15 })])
    })

    it("subscribes at checkout with the server's discount, once per order item even when order.placed arrives twice", async () => {
      await createPlan()
      const ada = await shopper("ada@subscribe.test")
      const refused = await settle(
        api.post(
          "/store/retention/replenishment/cart-items",
          { cart_id: (await createEuroCart({ customer_id: ada.customer.id, items: [] })).id, variant_id: (await store()).variant("ETH-YIRG-250"), interval: "3w" },
          { headers: ada.headers }
        )
      )
      expect(refused.status).toBe(400)
      expect(refused.data.message).toBe("interval: must be one of 2w, 4w, 6w")

      const { order, sub, cart } = await subscribeAtCheckout(ada)
      expect(Number(cart.discount_total)).toBeGreaterThan(0)
      const [placed] = await ordersOf(ada.customer.id)
      expect(Number(placed.discount_total)).toBeGreaterThan(0)
      expect(sub).toMatchObject({ customer_id: ada.customer.id, interval: "4w", status: "active", discount_percent: 10 })
      const { data: [stored] } = await query().graph({ entity: "order", fields: ["created_at"], filters: { id: order.id } })
      expect(new Date(sub.period_at).getTime() - new Date(stored.created_at as string).getTime()).toBe(28 * DAY)
      // The same event again: still one subscription.
      await subscribeFromPlacedOrder({ event: { name: "order.placed", data: { id: order.id } }, container: container() } as never)
      expect(await service().listSubscriptions({ origin_order_id: order.id })).toHaveLength(1)

      // A guest's "subscribe" metadata makes nothing (renewals need an account).
      const s = await store()
      const guestCart = await createEuroCart({ email: "guest@subscribe.test", items: [] })
      const { addToCartWorkflow } = await import("@medusajs/medusa/core-flows")
      await addToCartWorkflow(container()).run({
        input: { cart_id: guestCart.id, items: [{ variant_id: s.variant("ETH-YIRG-250"), quantity: 1, metadata: { subscribe: { interval: "4w" } } }] },
      })
      const guestOrder = await completeCart(guestCart.id)
      await subscribeFromPlacedOrder({ event: { name: "order.placed", data: { id: guestOrder.id } }, container: container() } as never)
      expect(await service().listSubscriptions({ origin_order_id: guestOrder.id })).toHaveLength(0)
    })

    it("subscribe-and-save in a cart: each subscribed product gets its own plan's discount, a one-off line of another product none", async () => {
      await createPlan("ETH-YIRG-250", { discount_percent: 10 })
      await createPlan("COL-HUILA-250", { discount_percent: 20 })
      const flo = await shopper("flo@saves.test")
      const s = await store()
      const cart = await createEuroCart({ customer_id: flo.customer.id, email: flo.customer.email, items: [["FLT-V60-100", 1]] })
      const add = (sku: string, quantity: number) =>
        api.post("/store/retention/replenishment/cart-items", { cart_id: cart.id, variant_id: s.variant(sku), quantity, interval: "4w" }, { headers: flo.headers })
      await add("ETH-YIRG-250", 2)
      const res = await add("COL-HUILA-250", 1)
      const { data: [fresh] } = await query().graph({
        entity: "cart",
        fields: ["discount_total", "promotions.code", "items.variant_id", "items.unit_price", "items.quantity", "items.discount_total"],
        filters: { id: cart.id },
      })
      const line = (sku: string) => (fresh as { items: { variant_id: string; unit_price: number; quantity: number; discount_total: number }[] }).items.find((i) => i.variant_id === s.variant(sku))!
      const yirg = line("ETH-YIRG-250")
      const huila = line("COL-HUILA-250")
      expect(Number(yirg.discount_total)).toBeCloseTo(yirg.unit_price * 2 * 0.1, 2)
      expect(Number(huila.discount_total)).toBeCloseTo(huila.unit_price * 1 * 0.2, 2)
      expect(Number(line("FLT-V60-100").discount_total)).toBe(0)
      expect((fresh as { promotions: unknown[] }).promotions).toHaveLength(2)
      expect(Number(res.data.cart.discount_total)).toBeCloseTo(yirg.unit_price * 0.2 + huila.unit_price * 0.2, 2)
    })

    it("renews as a real order once per period under concurrent ticks and after a crash, earning points and never counted as a recovery", async () => {
      const loyaltySettings = await api.post("/admin/retention/loyalty/settings", TEST_PROGRAM, { headers: admin.headers })
      expect(loyaltySettings.status).toBe(200)
      await createPlan()
      const bo = await shopper("bo@renew.test")
      const { sub } = await subscribeAtCheckout(bo)
      await makeDue(sub.id)
      // Two ticks and a direct renewal at the same moment: one order for the period.
      await Promise.all([
        renewDueSubscriptions(container()),
        renewDueSubscriptions(container()),
        renewSubscription(container(), { subscription_id: sub.id }),
      ])
      await tick()
      const orders = await ordersOf(bo.customer.id)
      expect(orders).toHaveLength(2)
      const runs = await service().listSubscriptionRuns({ subscription_id: sub.id })
      expect(runs).toHaveLength(1)
      expect(runs[0]).toMatchObject({ status: "ordered" })
      const renewal = orders.find((o) => o.id === runs[0].order_id)!
      expect(Number(renewal.discount_total)).toBeGreaterThan(0)
      const after = await service().retrieveSubscription(sub.id)
      expect(after.renewal_count).toBe(1)
      expect(new Date(after.period_at).getTime()).toBeGreaterThan(Date.now() + 20 * DAY)
      // The renewal's cart was never tracked as abandoned, nor is its order a recovery.
      const recovery: CartRecoveryModuleService = container().resolve(RETENTION_CART_RECOVERY_MODULE)
      const { data: cartLink } = await query().graph({ entity: "order", fields: ["cart.id"], filters: { id: renewal.id } })
      const renewalCartId = (cartLink[0] as { cart: { id: string } }).cart.id
      expect(await recovery.listTrackedCarts({ cart_id: renewalCartId })).toHaveLength(0)
      expect(await recovery.listTrackedCarts({ order_id: renewal.id })).toHaveLength(0)
      // It earned loyalty points through the ordinary order.placed path.
      const loyalty: LoyaltyModuleService = container().resolve(RETENTION_LOYALTY_MODULE)
      await eventually(async () => (await loyalty.listLoyaltyEntries({ reference_id: renewal.id })).length > 0)
      // The confirmation email went out once.
      await eventually(async () => (await mailTo("bo@renew.test")).some((m) => m.template === "replenishment-renewal-placed"))
      expect((await mailTo("bo@renew.test")).filter((m) => m.template === "replenishment-renewal-placed")).toHaveLength(1)

      // A crash after the cart was completed and before the run was updated: the retry finds
      // the order of that cart and places no second one.
      await service().updateSubscriptionRuns({ id: runs[0].id, status: "cart_created", order_id: null })
      await service().updateSubscriptions({ id: sub.id, period_at: runs[0].scheduled_for, next_run_at: new Date(Date.now() - 1000) })
      await tick()
      expect(await ordersOf(bo.customer.id)).toHaveLength(2)
      const [rerun] = await service().listSubscriptionRuns({ id: runs[0].id })
      expect(rerun).toMatchObject({ status: "ordered", order_id: renewal.id })
    })

    it("price change: the renewal charges today's price minus the subscribe-and-save discount", async () => {
      await createPlan()
      const pia = await shopper("pia@price.test")
      const { sub } = await subscribeAtCheckout(pia)
      const { data: [variant] } = await query().graph({
        entity: "product_variant",
        fields: ["id", "prices.id", "prices.amount", "prices.currency_code"],
        filters: { sku: "ETH-YIRG-250" },
      })
      const prices = (variant as { prices: { id: string; amount: number; currency_code: string }[] }).prices
      const setEur = (amount: (old: number) => number) =>
        updateProductVariantsWorkflow(container()).run({
          input: {
            selector: { id: variant.id },
            update: { prices: prices.map((p) => ({ id: p.id, currency_code: p.currency_code, amount: p.currency_code === "eur" ? amount(p.amount) : p.amount })) },
          },
        })
      const before = prices.find((p) => p.currency_code === "eur")!.amount
      expect(before).toBe(14.5)
      await setEur(() => 18)
      try {
        await makeDue(sub.id)
        await tick()
        const [run] = await service().listSubscriptionRuns({ subscription_id: sub.id })
        expect(run.status).toBe("ordered")
        const { data: [order] } = await query().graph({ entity: "order", fields: ["items.unit_price", "items.detail.quantity", "discount_total"], filters: { id: run.order_id } })
        // 2 × €18.00 today, 10% off: €3.60 discount.
        expect((order as { items: { unit_price: number }[] }).items.map((i) => Number(i.unit_price))).toEqual([18])
        expect(Number((order as { discount_total: number }).discount_total)).toBeCloseTo(3.6, 2)
      } finally {
        await setEur(() => before)
      }
    })

    it("dunning: a declined payment makes no order, retries after 1, 3 and 7 days with an email each, then holds until the payment is updated", async () => {
      await createPlan()
      const cy = await shopper("cy@dunning.test")
      const { sub } = await subscribeAtCheckout(cy)
      await service().updateSubscriptions({ id: sub.id, payment_provider_id: "pp_declining_declining" })
      const start = new Date()
      await makeDue(sub.id, new Date(start.getTime() - 60_000))
      await tick(start)
      expect(await ordersOf(cy.customer.id)).toHaveLength(1)
      let [run] = await service().listSubscriptionRuns({ subscription_id: sub.id })
      expect(run).toMatchObject({ attempts: 1, status: "cart_created" })
      expect(new Date(run.next_retry_at!).getTime()).toBe(start.getTime() + 1 * DAY)
      for (const days of [1, 3, 7]) {
        await tick(new Date(start.getTime() + days * DAY + 60_000))
      }
      ;[run] = await service().listSubscriptionRuns({ subscription_id: sub.id })
      expect(run).toMatchObject({ attempts: 4, status: "failed" })
      expect((await service().retrieveSubscription(sub.id)).status).toBe("payment_failed")
      expect(await ordersOf(cy.customer.id)).toHaveLength(1)
      const failures = (await mailTo("cy@dunning.test")).filter((m) => m.template === "replenishment-payment-failed")
      expect(failures).toHaveLength(4)
      // The customer updates their payment method and retries at once: one order, active again.
      await service().updateSubscriptions({ id: sub.id, payment_provider_id: "pp_system_default" })
      const retried = await api.post(`/store/retention/subscriptions/${sub.id}/payment-updated`, {}, { headers: cy.headers })
      expect(retried.data.renewal.outcome).toBe("ordered")
      expect(retried.data.subscription.status).toBe("active")
      expect(await ordersOf(cy.customer.id)).toHaveLength(2)
      expect(await service().listSubscriptionRuns({ subscription_id: sub.id })).toHaveLength(1)
    })

    it("out of stock: postpones a day at a time, then skips the period and tells the customer", async () => {
      await createPlan()
      const di = await shopper("di@stock.test")
      const { sub } = await subscribeAtCheckout(di)
      const inventory = container().resolve(Modules.INVENTORY)
      const { data } = await query().graph({ entity: "product_variant", fields: ["inventory_items.inventory_item_id"], filters: { sku: "ETH-YIRG-250" } })
      const itemId = (data[0] as { inventory_items: { inventory_item_id: string }[] }).inventory_items[0].inventory_item_id
      const levels = await inventory.listInventoryLevels({ inventory_item_id: itemId })
      await inventory.updateInventoryLevels(levels.map((l) => ({ id: l.id, inventory_item_id: itemId, location_id: l.location_id, stocked_quantity: l.reserved_quantity })))
      try {
        const start = new Date()
        await makeDue(sub.id, new Date(start.getTime() - 60_000))
        const outcomes: string[] = []
        for (let day = 0; day <= 3; day++) {
          const result = await tick(new Date(start.getTime() + day * DAY + 60_000))
          outcomes.push(...(result.outcomes ?? []))
        }
        expect(outcomes).toEqual(["postponed_out_of_stock", "postponed_out_of_stock", "postponed_out_of_stock", "skipped_out_of_stock"])
        expect(await ordersOf(di.customer.id)).toHaveLength(1)
        const after = await service().retrieveSubscription(sub.id)
        expect(after.status).toBe("active")
        expect(new Date(after.period_at).getTime()).toBe(new Date(start.getTime() - 60_000 + 28 * DAY).getTime())
        const notices = (await mailTo("di@stock.test")).filter((m) => m.template === "replenishment-items-unavailable")
        expect(notices).toHaveLength(4)
      } finally {
        await inventory.updateInventoryLevels(levels.map((l) => ({ id: l.id, inventory_item_id: itemId, location_id: l.location_id, stocked_quantity: l.stocked_quantity })))
      }
    })

    it("self-service: skip, pause, resume, change, cancel in one step; another customer's id is a 404; bad input is a 400 that stores nothing", async () => {
      await createPlan()
      const ed = await shopper("ed@self.test")
      const { sub } = await subscribeAtCheckout(ed)
      const fay = await shopper("fay@self.test")
      const base = `/store/retention/subscriptions/${sub.id}`

      const list = await api.get("/store/retention/subscriptions", { headers: ed.headers })
      expect(list.data.subscriptions.map((s: { id: string }) => s.id)).toEqual([sub.id])
      expect((await api.get("/store/retention/subscriptions", { headers: fay.headers })).data.subscriptions).toEqual([])
      for (const [method, url, body] of [
        ["get", base, undefined],
        ["post", base, { interval: "2w" }],
        ["post", `${base}/skip`, {}],
        ["post", `${base}/pause`, {}],
        ["post", `${base}/cancel`, {}],
        ["post", `${base}/order-now`, {}],
      ] as const) {
        const res = await settle(method === "get" ? api.get(url, { headers: fay.headers }) : api.post(url, body, { headers: fay.headers }))
        expect([url, res.status]).toEqual([url, 404])
      }
      expect((await settle(api.get(base, { headers: { "x-publishable-api-key": (await store()).publishableKey } }))).status).toBe(401)

      const events = async () => (await service().listSubscriptionEvents({ subscription_id: sub.id })).length
      const before = await events()
      for (const [body, field] of [
        [{ interval: "5x" }, "interval"],
        [{ interval: "3w" }, "interval"],
        [{ items: [{ variant_id: "variant_nope", quantity: 1 }] }, "items.variant_id"],
        [{ items: [{ variant_id: (sub.items as unknown as { variant_id: string }[])[0].variant_id, quantity: 0 }] }, "items.0.quantity"],
        [{ shipping_address: { first_name: "E", last_name: "D", address_1: "x", city: "y", postal_code: "1", country_code: "us" } }, "shipping_address.country_code"],
        [{ nope: 1 }, "nope"],
        [{}, "body"],
      ] as const) {
        const res = await settle(api.post(base, body, { headers: ed.headers }))
        expect([JSON.stringify(body), res.status, res.data.message.split(":")[0]]).toEqual([JSON.stringify(body), 400, field])
      }
      const pastPause = await settle(api.post(`${base}/pause`, { until: "2020-01-01" }, { headers: ed.headers }))
      expect(pastPause.status).toBe(400)
      expect(pastPause.data.message).toBe("until: must be in the future")
      expect(await events()).toBe(before)
      expect((await service().retrieveSubscription(sub.id)).interval).toBe("4w")

      const period = new Date(sub.period_at).getTime()
      const skipped = await api.post(`${base}/skip`, {}, { headers: ed.headers })
      expect(new Date(skipped.data.subscription.period_at).getTime()).toBe(period + 28 * DAY)
      const changed = await api.post(base, { interval: "2w", items: [{ variant_id: (sub.items as unknown as { variant_id: string }[])[0].variant_id, quantity: 3 }] }, { headers: ed.headers })
      expect(changed.data.subscription).toMatchObject({ interval: "2w", items: [expect.objectContaining({ quantity: 3 })] })
      const paused = await api.post(`${base}/pause`, { until: new Date(Date.now() + 40 * DAY).toISOString() }, { headers: ed.headers })
      expect(paused.data.subscription.status).toBe("paused")
      const resumed = await api.post(`${base}/resume`, {}, { headers: ed.headers })
      expect(resumed.data.subscription.status).toBe("active")
      const canceled = await api.post(`${base}/cancel`, { reason: "Too much coffee" }, { headers: ed.headers })
      expect(canceled.data.subscription).toMatchObject({ status: "canceled", cancel_reason: "Too much coffee" })
      const again = await settle(api.post(`${base}/skip`, {}, { headers: ed.headers }))
      expect(again.status).toBe(400)
      expect(again.data.message).toBe("status: the subscription is canceled")
      const history = await api.get(`/admin/retention/subscriptions/${sub.id}`, { headers: admin.headers })
      expect(history.data.events.map((e: { action: string; actor_type: string }) => `${e.actor_type}:${e.action}`).reverse()).toEqual([
        "customer:created",
        "customer:skipped",
        "customer:interval_changed",
        "customer:details_changed",
        "customer:paused",
        "customer:resumed",
        "customer:canceled",
      ])
      const changes = (await mailTo("ed@self.test")).filter((m) => m.template === "replenishment-subscription-changed")
      expect(changes).toHaveLength(4)
    })

    it("reminder: once per period with signed links; the skip page changes nothing on GET, skips once on POST", async () => {
      // The reminder is marketing mail: at night in the store's time zone quiet hours would hold
      // it until morning, so the test switches them off to read the same at any hour.
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers: admin.headers })
      await createPlan()
      const gus = await shopper("gus@remind.test")
      const { sub } = await subscribeAtCheckout(gus)
      const soon = new Date(Date.now() + 2 * DAY)
      await service().updateSubscriptions({ id: sub.id, period_at: soon, next_run_at: soon })
      await tick()
      await tick()
      const reminders = (await mailTo("gus@remind.test")).filter((m) => m.template === "replenishment-reminder")
      expect(reminders).toHaveLength(1)
      // Today's price minus the subscribe-and-save discount: 2 × €14.50 × 0.9.
      expect(reminders[0].html).toContain("26.10")
      // Handlebars writes "=" in an attribute as "&#x3D;", which a browser reads back as "=".
      const hrefs = [...reminders[0].html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&#x3D;/g, "=").replace(/&amp;/g, "&"))
      const skipUrl = hrefs.find((h) => /\/retention\/subscriptions\/skip\?token=/.test(h))
      expect(skipUrl).toBeTruthy()
      const path = new URL(skipUrl!).pathname + new URL(skipUrl!).search
      const page = await api.get(path)
      expect(page.status).toBe(200)
      expect(String(page.data)).toContain("<form")
      expect(new Date((await service().retrieveSubscription(sub.id)).period_at).getTime()).toBe(soon.getTime())
      const token = new URL(skipUrl!).searchParams.get("token")!
      const done = await api.post("/retention/subscriptions/skip", new URLSearchParams({ token }).toString(), { headers: { "content-type": "application/x-www-form-urlencoded" } })
      expect(done.status).toBe(200)
      const twice = await api.post("/retention/subscriptions/skip", new URLSearchParams({ token }).toString(), { headers: { "content-type": "application/x-www-form-urlencoded" } })
      expect(twice.status).toBe(200)
      expect(new Date((await service().retrieveSubscription(sub.id)).period_at).getTime()).toBe(soon.getTime() + 28 * DAY)
      const forged = await settle(api.get(`/retention/subscriptions/skip?token=${encodeURIComponent(token.slice(0, -2) + "xx")}`))
      expect(forged.status).toBe(400)

      // Subscribing granted the topic; unsubscribing from it (the reminder is marketing and
      // carries the link) stops the next period's reminder, and the renewal itself goes on.
      expect(hrefs.some((h) => /\/retention\/unsubscribe\?token=/.test(h))).toBe(true)
      const messaging = container().resolve("retention_messaging") as { setConsent: (i: Record<string, unknown>) => Promise<unknown> }
      await messaging.setConsent({ email: "gus@remind.test", topic: "replenishment", status: "revoked", source: "test" })
      const next = new Date(Date.now() + DAY)
      await service().updateSubscriptions({ id: sub.id, period_at: next, next_run_at: next })
      await tick()
      expect((await mailTo("gus@remind.test")).filter((m) => m.template === "replenishment-reminder")).toHaveLength(1)
      expect((await service().retrieveSubscription(sub.id)).status).toBe("active")
    })

    it("running low: predicted from each customer's own rhythm (else the plan, else the store's median), once per cycle, never to a subscriber, with a one-click reorder", async () => {
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 }, { headers: admin.headers })
      const s = await store()
      const knex = container().resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as { raw: (q: string, b?: unknown[]) => Promise<unknown> }
      const fulfillment = container().resolve(Modules.FULFILLMENT)
      const [profile] = await fulfillment.listShippingProfiles({ type: "default" })
      // Products of this test only, so the demo's own orders never move a median.
      const { result: products } = await createProductsWorkflow(container()).run({
        input: {
          products: ["Planned", "Rhythm", "Median"].map((name) => ({
            title: `Running-low ${name} Beans`,
            handle: `running-low-${name.toLowerCase()}`,
            status: "published" as const,
            shipping_profile_id: profile.id,
            sales_channels: [{ id: s.salesChannelId }],
            options: [{ title: "Size", values: ["250 g"] }],
            variants: [{ title: "250 g", sku: `RL-${name.toUpperCase()}`, manage_inventory: false, options: { Size: "250 g" }, prices: [{ amount: 10, currency_code: "eur" }] }],
          })),
        },
      })
      const [planned, rhythm, median] = products.map((p) => ({ product_id: p.id, variant_id: p.variants[0].id }))
      await api.post(
        "/admin/retention/replenishment/plans",
        { product_id: planned.product_id, intervals: ["2w", "4w"], default_interval: "4w", discount_percent: 10 },
        { headers: admin.headers }
      )
      const address = { first_name: "Ida", last_name: "Low", address_1: "Hauptstraße 1", city: "Berlin", postal_code: "10115", country_code: "de" }
      const buy = async (who: { customer: { id: string; email: string } }, variantId: string, daysAgo: number, quantity = 1) => {
        const { result: cart } = await createCartWorkflow(container()).run({
          input: {
            region_id: s.regionId,
            sales_channel_id: s.salesChannelId,
            currency_code: "eur",
            customer_id: who.customer.id,
            email: who.customer.email,
            shipping_address: address,
            billing_address: address,
            items: [{ variant_id: variantId, quantity }],
          },
        })
        const order = await completeCart(cart.id)
        await knex.raw(`update "order" set created_at = now() - make_interval(days => ?) where id = ?`, [daysAgo, order.id])
        return order
      }
      const DAYS = (n: number) => n * DAY
      // Own rhythm: every 30 days, the last 28 days ago: runs out in 2 days (lead 3: due).
      const ida = await shopper("ida@low.test")
      await buy(ida, rhythm.variant_id, 58)
      await buy(ida, rhythm.variant_id, 28, 2)
      // One purchase of a planned product 26 days ago: the plan's 4 weeks, runs out in 2 days.
      const jon = await shopper("jon@low.test")
      await buy(jon, planned.variant_id, 26)
      // Lee buys every 20 days (last 30 days ago: ran out 10 days ago, too late to ask); Kim
      // bought once 18 days ago and, with no plan, gets the store's median of 20 days.
      const lee = await shopper("lee@low.test")
      await buy(lee, median.variant_id, 50)
      await buy(lee, median.variant_id, 30)
      const kim = await shopper("kim@low.test")
      await buy(kim, median.variant_id, 18)
      // Max is due like Jon but subscribes to the product: never asked.
      const max = await shopper("max@low.test")
      await buy(max, planned.variant_id, 26)
      await service().createSubscription(
        {
          customer_id: max.customer.id,
          email: max.customer.email,
          items: [{ variant_id: planned.variant_id, product_id: planned.product_id, quantity: 1, title: "Running-low Planned Beans" }],
          interval: "4w",
          first_run_at: new Date(Date.now() + DAYS(20)),
          region_id: s.regionId,
          currency_code: "eur",
          sales_channel_id: s.salesChannelId,
          shipping_address: address,
          shipping_option_id: s.shippingOptionId,
          payment_provider_id: "pp_system_default",
          discount_percent: 10,
        },
        { type: "system" }
      )

      const now = new Date()
      await sendRunningLowEmails(container(), now)
      await sendRunningLowEmails(container(), now)
      const lowFor = async (email: string) => (await mailTo(email)).filter((m) => m.template === "replenishment-running-low")
      expect((await lowFor("ida@low.test")).length).toBe(1)
      expect((await lowFor("jon@low.test")).length).toBe(1)
      expect((await lowFor("kim@low.test")).length).toBe(1)
      expect((await lowFor("lee@low.test")).length).toBe(0)
      expect((await lowFor("max@low.test")).length).toBe(0)
      const predictions = await service().listReplenishmentPredictions({ customer_id: [ida.customer.id, jon.customer.id, kim.customer.id] })
      const byCustomer = Object.fromEntries(predictions.map((p) => [p.customer_id, { basis: p.basis, interval_days: p.interval_days }]))
      expect(byCustomer).toEqual({
        [ida.customer.id]: { basis: "own_history", interval_days: 30 },
        [jon.customer.id]: { basis: "plan_default", interval_days: 28 },
        [kim.customer.id]: { basis: "store_median", interval_days: 20 },
      })
      const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&#x3D;/g, "=").replace(/&amp;/g, "&"))
      // The planned product offers its subscription; the others only the reorder.
      expect(hrefsOf((await lowFor("jon@low.test"))[0].html).some((h) => h.endsWith("/products/running-low-planned?subscribe=4w"))).toBe(true)
      expect(hrefsOf((await lowFor("ida@low.test"))[0].html).some((h) => h.includes("?subscribe="))).toBe(false)

      // The reorder link builds Ida's cart with her last quantity, and the same cart again.
      const reorder = hrefsOf((await lowFor("ida@low.test"))[0].html).find((h) => h.includes("/retention/reorder?token="))!
      const path = new URL(reorder).pathname + new URL(reorder).search
      const open = () => api.get(path, { maxRedirects: 0, validateStatus: () => true })
      const first = await open()
      expect(first.status).toBe(302)
      const cartId = new URL(first.headers.location).searchParams.get("cart_id")!
      const { data: carts } = await query().graph({ entity: "cart", fields: ["customer_id", "items.variant_id", "items.quantity"], filters: { id: cartId } })
      expect(carts[0]).toMatchObject({ customer_id: ida.customer.id, items: [expect.objectContaining({ variant_id: rhythm.variant_id, quantity: 2 })] })
      expect(new URL((await open()).headers.location).searchParams.get("cart_id")).toBe(cartId)
      const forged = await api.get(path.slice(0, -3) + "abc", { validateStatus: () => true })
      expect(forged.status).toBe(400)

      // Off in Settings: nothing is sent.
      const off = await api.post("/admin/retention/settings/replenishment", { predictionsEnabled: false }, { headers: admin.headers })
      expect(off.status).toBe(200)
      const bad = await settle(api.post("/admin/retention/settings/replenishment", { predictionLeadDays: -1 }, { headers: admin.headers }))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/predictionLeadDays/)
      expect(await sendRunningLowEmails(container(), now)).toEqual({ skipped: "disabled", sent: 0 })
    })

    it("admin: list with filters, figures, detail and actions", async () => {
      await createPlan()
      const hal = await shopper("hal@admin.test")
      const { sub } = await subscribeAtCheckout(hal)
      const list = await api.get(`/admin/retention/subscriptions?q=HAL@&status=active`, { headers: admin.headers })
      expect(list.data).toMatchObject({ count: 1, subscriptions: [expect.objectContaining({ id: sub.id })] })
      const byProduct = await api.get(`/admin/retention/subscriptions?product_id=${(sub.items as unknown as { product_id: string }[])[0].product_id}`, { headers: admin.headers })
      expect(byProduct.data.count).toBe(1)
      expect((await api.get(`/admin/retention/subscriptions?product_id=prod_nope`, { headers: admin.headers })).data.count).toBe(0)
      const stats = await api.get("/admin/retention/subscriptions/stats", { headers: admin.headers })
      expect(stats.data).toMatchObject({ active: 1, payment_failed: 0 })
      expect(stats.data.mrr).toEqual([{ currency_code: "eur", amount: expect.any(Number) }])
      expect(stats.data.mrr[0].amount).toBeCloseTo(Number(sub.renewal_value) * (30.4375 / 28), 1)
      const bad = await settle(api.post(`/admin/retention/subscriptions/${sub.id}/actions`, { action: "pause", until: "tomorrow" }, { headers: admin.headers }))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toMatch(/^until: /)
      const ran = await api.post(`/admin/retention/subscriptions/${sub.id}/actions`, { action: "run_now" }, { headers: admin.headers })
      expect(ran.data.renewal.outcome).toBe("ordered")
      const detail = await api.get(`/admin/retention/subscriptions/${sub.id}`, { headers: admin.headers })
      expect(detail.data.runs).toEqual([expect.objectContaining({ status: "ordered", order_display_id: expect.any(Number) })])
      expect(detail.data.events[0]).toMatchObject({ actor_type: "system", action: "renewed" })
      expect(detail.data.events.some((e: { actor_type: string; actor_id: string; action: string }) => e.actor_type === "admin" && e.actor_id === admin.userId && e.action === "run_now")).toBe(true)
    })
  },
})
