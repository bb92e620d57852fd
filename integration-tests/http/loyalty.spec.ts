// Loyalty points through the real app: order.placed → pending points → the scheduler's tick
// after the return window → available → redemption on a cart (hold + one-off promotion) →
// order placed → the hold becomes a redemption; cancel reversal, duplicate events, concurrent
// redemptions, ownership and validation. Time moves by passing `now` to the job, never by sleeping.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PromotionActions } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  cancelOrderWorkflow,
  completeCartWorkflow,
  beginReceiveReturnWorkflow,
  beginReturnOrderWorkflow,
  confirmReturnReceiveWorkflow,
  confirmReturnRequestWorkflow,
  receiveItemReturnRequestWorkflow,
  requestItemReturnWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  updateCartPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import { reverseOrderPointsWorkflow } from "../../src/workflows/loyalty/reverse-order-points"
import { seedDemoStore } from "../../scripts/demo/seed"
import { settleLoyaltyPoints } from "../../src/jobs/settle-loyalty-points"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import type { ProgramSettings } from "../../src/modules/loyalty/program"
import awardPointsOnOrderPlaced from "../../src/subscribers/loyalty-order-placed-award-points"
import reversePointsOnReturnReceived from "../../src/subscribers/loyalty-return-received-reverse-points"
import { awardOrderPointsWorkflow } from "../../src/workflows/loyalty/award-order-points"
import { redemptionCode } from "../../src/workflows/loyalty/steps/check-redemption"
import { TEST_PROGRAM } from "../helpers/loyalty"
import { settle, useOutbox } from "../helpers/outbox"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { createShopper } from "../helpers/customers"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("loyalty")

const DAY = 86400_000
const PROGRAM = TEST_PROGRAM

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { store, createEuroCart, completeCart } = cartRecoveryHelpers(container)
    const loyalty = (): LoyaltyModuleService => container().resolve(RETENTION_LOYALTY_MODULE)
    const query = () => container().resolve(ContainerRegistrationKeys.QUERY)
    let admin: { headers: { authorization: string }; userId: string }

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      admin = await createAdminAndLogin(container(), api)
      const res = await api.post("/admin/retention/loyalty/settings", PROGRAM, { headers: admin.headers })
      expect(res.status).toBe(200)
    })

    /** A registered customer logged in through the real auth route. */
    const createCustomer = async (email: string) => {
      const { customer, token } = await createShopper(container(), api, email)
      const s = await store()
      return { customer, headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": s.publishableKey } }
    }

    const createCart = (customerId: string, quantity = 2) =>
      createEuroCart({ customer_id: customerId, items: [["ETH-YIRG-250", quantity]] })
    const orderBase = async (orderId: string) => {
      const { data } = await query().graph({ entity: "order", fields: ["item_subtotal", "discount_subtotal", "discount_total"], filters: { id: orderId } })
      return { base: Number(data[0].item_subtotal) - Number(data[0].discount_subtotal), discount: Number(data[0].discount_subtotal) }
    }
    const balance = (customerId: string) => loyalty().getBalance(customerId)

    it("earns pending points once, makes them available after the window, and redeems them at checkout", async () => {
      const { customer, headers } = await createCustomer("ada@loyalty.test")
      // Sign-up bonus from customer.created.
      await eventually(async () => (await balance(customer.id)).available === 25)

      const cart = await createCart(customer.id)
      const order = await completeCart(cart.id)
      const { base } = await orderBase(order.id)
      const expected = Math.floor(base * 10)
      expect(expected).toBeGreaterThan(0)
      await eventually(async () => (await balance(customer.id)).pending === expected)

      // The same order.placed again — through the subscriber and the workflow — changes nothing.
      await awardPointsOnOrderPlaced({ event: { name: "order.placed", data: { id: order.id } }, container: container() } as Parameters<typeof awardPointsOnOrderPlaced>[0])
      await awardOrderPointsWorkflow(container()).run({ input: { order_id: order.id } })
      expect(await balance(customer.id)).toMatchObject({ pending: expected, available: 25 })
      expect(await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" })).toHaveLength(1)

      // Inside the window nothing moves; after it, the job makes the points available (once).
      await settleLoyaltyPoints(container(), new Date(Date.now() + 13 * DAY))
      expect((await balance(customer.id)).pending).toBe(expected)
      await settleLoyaltyPoints(container(), new Date(Date.now() + 15 * DAY))
      await settleLoyaltyPoints(container(), new Date(Date.now() + 15 * DAY))
      expect(await balance(customer.id)).toMatchObject({ pending: 0, available: 25 + expected })

      const me = await api.get("/store/retention/loyalty", { headers })
      expect(me.data.loyalty).toMatchObject({ available: 25 + expected, pending: 0, held: 0 })
      expect(me.data.loyalty.progress.window_points).toBe(expected)

      // Redeem on a new cart: the hold is placed and the promotion applied.
      const cart2 = await createCart(customer.id)
      const redeemed = await api.post("/store/retention/loyalty/redeem", { cart_id: cart2.id, points: 50 }, { headers })
      expect(redeemed.status).toBe(201)
      expect(redeemed.data.redemption).toMatchObject({ points: 50, amount: 0.5 })
      expect(await balance(customer.id)).toMatchObject({ available: 25 + expected - 50, held: 50 })
      const { data: carts } = await query().graph({ entity: "cart", fields: ["promotions.code", "discount_total"], filters: { id: cart2.id } })
      expect((carts[0].promotions as ({ code?: string } | null)[] | undefined)?.map((p) => p?.code)).toContain(redeemed.data.redemption.code)

      // A second redemption on the same cart is refused.
      const twice = await settle(api.post("/store/retention/loyalty/redeem", { cart_id: cart2.id, points: 50 }, { headers }))
      expect(twice.status).toBeGreaterThanOrEqual(400)
      expect(twice.status).toBeLessThan(500)

      const order2 = await completeCart(cart2.id)
      expect((await orderBase(order2.id)).discount).toBeCloseTo(0.5, 2)
      await eventually(async () => (await loyalty().listLoyaltyEntries({ reference_id: cart2.id, type: "redeem" })).length === 1)
      // order.placed also earns pending points for the second order, in its own subscriber: wait
      // for both before comparing the cached balance with the ledger.
      await eventually(async () => (await loyalty().listLoyaltyEntries({ order_id: order2.id, type: "earn" })).length === 1)
      const after = await balance(customer.id)
      expect(after).toMatchObject({ available: 25 + expected - 50, held: 0 })
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: after.available, pending: after.pending, held: 0 })

      const history = await api.get("/store/retention/loyalty/history?limit=2&offset=0", { headers })
      expect(history.data.entries).toHaveLength(2)
      expect(history.data.count).toBeGreaterThanOrEqual(5)
    })

    it("voids the points of a canceled order, so earn then cancel nets to zero", async () => {
      const { customer } = await createCustomer("cancel@loyalty.test")
      const cart = await createCart(customer.id)
      const order = await completeCart(cart.id)
      await eventually(async () => (await balance(customer.id)).pending > 0)
      await cancelOrderWorkflow(container()).run({ input: { order_id: order.id } })
      await eventually(async () => (await balance(customer.id)).pending === 0)
      const sum = (await loyalty().listLoyaltyEntries({ order_id: order.id })).filter((e) => e.status !== "void").reduce((s, e) => s + e.points, 0)
      expect(sum).toBe(0)
      expect(await balance(customer.id)).toMatchObject({ available: 25, pending: 0 })
    })

    it("gives back the points redeemed on an order when it is canceled, once", async () => {
      const { customer, headers } = await createCustomer("cancel-redeem@loyalty.test")
      await loyalty().recordEntries(customer.id, [
        { type: "adjust", points: 200, status: "available", reference: "admin", reference_id: "cancel-redeem-topup", actor: "test" },
      ])
      await eventually(async () => (await balance(customer.id)).available === 225)
      const cart = await createCart(customer.id)
      const redeemed = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 100 }, { headers })
      expect(redeemed.status).toBe(201)
      const order = await completeCart(cart.id)
      await eventually(async () => (await loyalty().listLoyaltyEntries({ order_id: order.id, type: "redeem" })).length === 1)
      await eventually(async () => (await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" })).length === 1)
      expect((await balance(customer.id)).available).toBe(125)

      await cancelOrderWorkflow(container()).run({ input: { order_id: order.id } })
      await eventually(async () => (await balance(customer.id)).available === 225)
      // The same cancel again changes nothing.
      await reverseOrderPointsWorkflow(container()).run({
        input: { order_id: order.id, fraction: 1, reference: "order", reference_id: order.id },
      })
      expect(await balance(customer.id)).toMatchObject({ available: 225, pending: 0, held: 0 })
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: 225, pending: 0, held: 0 })
    })

    it("lets exactly two of 20 concurrent 50-point redemptions on a balance of 100 succeed", async () => {
      const { customer, headers } = await createCustomer("race@loyalty.test")
      await eventually(async () => (await balance(customer.id)).available === 25)
      const adj = await api.post(
        `/admin/retention/loyalty/customers/${customer.id}/adjustments`,
        { points: 75, note: "race test top-up" },
        { headers: admin.headers }
      )
      expect(adj.status).toBe(201)
      const carts = []
      for (let i = 0; i < 20; i++) carts.push(await createCart(customer.id, 1))
      const results = await Promise.all(
        carts.map((c) => settle(api.post("/store/retention/loyalty/redeem", { cart_id: c.id, points: 50 }, { headers })))
      )
      expect(results.filter((r) => r.status === 201)).toHaveLength(2)
      const refused = results.filter((r) => r.status !== 201)
      expect(refused).toHaveLength(18)
      for (const r of refused) {
        expect(r.status).toBeGreaterThanOrEqual(400)
        expect(r.status).toBeLessThan(500)
        expect(r.data.message).toMatch(/points/)
      }
      expect(await balance(customer.id)).toMatchObject({ available: 0, held: 100 })
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: 0, held: 100 })
    })

    it("refuses bad input with a 4xx naming the field, and another customer's cart or balance", async () => {
      const ada = await createCustomer("owner@loyalty.test")
      const eve = await createCustomer("other@loyalty.test")
      await eventually(async () => (await balance(ada.customer.id)).available === 25)
      await loyalty().recordEntries(ada.customer.id, [
        { type: "adjust", points: 500, status: "available", reference: "admin", reference_id: "test-topup", actor: "test" },
      ])
      const cart = await createCart(ada.customer.id, 3)
      const post = (body: unknown, headers = ada.headers) => settle(api.post("/store/retention/loyalty/redeem", body, { headers }))

      const notNumber = await post({ cart_id: cart.id, points: "lots" })
      expect(notNumber.status).toBe(400)
      expect(notNumber.data.message).toMatch(/^points:/)
      const missingCart = await post({ points: 100 })
      expect(missingCart.status).toBe(400)
      expect(missingCart.data.message).toMatch(/cart_id: is required/)
      const belowMin = await post({ cart_id: cart.id, points: 10 })
      expect(belowMin.status).toBe(400)
      expect(belowMin.data.message).toMatch(/points: must be at least 50/)
      const offStep = await post({ cart_id: cart.id, points: 75 })
      expect(offStep.status).toBe(400)
      expect(offStep.data.message).toMatch(/points: must be a multiple of 50/)

      // Eve can neither redeem on Ada's cart nor see Ada's points.
      const stolen = await post({ cart_id: cart.id, points: 50 }, eve.headers)
      expect(stolen.status).toBe(404)
      expect((await api.get("/store/retention/loyalty", { headers: eve.headers })).data.loyalty.customer_id).toBe(eve.customer.id)
      expect((await api.get("/store/retention/loyalty/history", { headers: eve.headers })).data.entries.every((e: { id: string }) => e.id)).toBe(true)
      const eveHistory = await api.get("/store/retention/loyalty/history", { headers: eve.headers })
      expect(eveHistory.data.entries.map((e: { reference_id: string }) => e.reference_id)).not.toContain("test-topup")
      const anonymous = await settle(api.get("/store/retention/loyalty", { headers: { "x-publishable-api-key": ada.headers["x-publishable-api-key"] } }))
      expect(anonymous.status).toBe(401)
      expect(await balance(ada.customer.id)).toMatchObject({ available: 525, held: 0 })

      // Settings are validated field by field too.
      const badSettings = await settle(api.post("/admin/retention/loyalty/settings", { ...PROGRAM, redeemStep: 0 }, { headers: admin.headers }))
      expect(badSettings.status).toBe(400)
      expect(badSettings.data.message).toMatch(/redeemStep/)
    })

    it("records a manual adjustment only with an internal note, with the admin user's id", async () => {
      const { customer } = await createCustomer("adjust@loyalty.test")
      const url = `/admin/retention/loyalty/customers/${customer.id}/adjustments`
      const noReason = await settle(api.post(url, { points: 100 }, { headers: admin.headers }))
      expect(noReason.status).toBe(400)
      expect(noReason.data.message).toMatch(/note: is required/)
      const overdraw = await settle(api.post(url, { points: -10_000, note: "too much" }, { headers: admin.headers }))
      expect(overdraw.status).toBe(400)
      expect(overdraw.data.message).toMatch(/points/)
      const ok = await api.post(url, { points: 100, note: "missing points from order #12" }, { headers: admin.headers })
      expect(ok.status).toBe(201)
      expect(ok.data.entry).toMatchObject({ type: "adjust", points: 100, actor: admin.userId, note: "missing points from order #12" })
      const view = await api.get(`/admin/retention/loyalty/customers/${customer.id}`, { headers: admin.headers })
      expect(view.data.loyalty.available).toBe(await balance(customer.id).then((b) => b.available))
      expect(view.data.entries[0]).toMatchObject({ type: "adjust", actor: admin.userId })
      const dashboard = await api.get("/admin/retention/loyalty/dashboard", { headers: admin.headers })
      expect(dashboard.data.members).toBeGreaterThan(0)
      // Top members carry the name and email a merchant recognises.
      const top = dashboard.data.top.find((a: { customer_id: string }) => a.customer_id === customer.id)
      expect(top).toMatchObject({ email: "adjust@loyalty.test", name: "Loyal Member" })

      // Out of range is a 400 naming the field, not a database overflow.
      const huge = await settle(api.post(url, { points: 3_000_000_000, note: "typo" }, { headers: admin.headers }))
      expect(huge.status).toBe(400)
      expect(huge.data.message).toMatch(/^points: must be at most 1,000,000/)

      // A client key is scoped to the customer: a retry answers with the original entry, the same
      // key for another customer is a new adjustment.
      const other = await createCustomer("adjust-other@loyalty.test")
      const keyed = { points: 7, note: "goodwill", idempotency_key: "ticket-4242" }
      const first = await api.post(url, keyed, { headers: admin.headers })
      const retry = await api.post(url, keyed, { headers: admin.headers })
      expect(retry.data.entry.id).toBe(first.data.entry.id)
      const forOther = await api.post(`/admin/retention/loyalty/customers/${other.customer.id}/adjustments`, keyed, { headers: admin.headers })
      expect(forOther.data.entry).toMatchObject({ type: "adjust", points: 7 })
      expect(forOther.data.entry.id).not.toBe(first.data.entry.id)
    })

    it("refuses a points code on a cart it was not made for, and never refunds points spent on an order", async () => {
      const { customer, headers } = await createCustomer("foreign@loyalty.test")
      await loyalty().recordEntries(customer.id, [
        { type: "adjust", points: 300, status: "available", reference: "admin", reference_id: "foreign-topup", actor: "test" },
      ])
      await eventually(async () => (await balance(customer.id)).available === 325)
      const cartA = await createCart(customer.id)
      const redeemed = await api.post("/store/retention/loyalty/redeem", { cart_id: cartA.id, points: 100 }, { headers })
      expect(redeemed.status).toBe(201)

      // The code of cart A, applied to cart B, does not let B complete.
      const cartB = await createCart(customer.id)
      await updateCartPromotionsWorkflow(container()).run({
        input: { cart_id: cartB.id, promo_codes: [redeemed.data.redemption.code], action: PromotionActions.ADD },
      })
      const s = await store()
      await addShippingMethodToCartWorkflow(container()).run({ input: { cart_id: cartB.id, options: [{ id: s.shippingOptionId }] } })
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container()).run({ input: { cart_id: cartB.id } })
      await createPaymentSessionsWorkflow(container()).run({ input: { payment_collection_id: collection.id, provider_id: "pp_system_default" } })
      const refused = await completeCartWorkflow(container()).run({ input: { id: cartB.id }, throwOnError: false })
      expect(refused.errors?.[0]?.error?.message).toMatch(/belongs to another cart/)

      // Cart A orders with its points; a later stale-hold run gives nothing back.
      await completeCart(cartA.id)
      await settleLoyaltyPoints(container(), new Date(Date.now() + 2 * 3600_000))
      await eventually(async () => (await loyalty().listLoyaltyEntries({ reference_id: cartA.id, type: "redeem" })).length === 1)
      expect(await balance(customer.id)).toMatchObject({ available: 225, held: 0 })
    })

    it("releases a stale hold and deactivates its code; refuses a cart whose hold is gone", async () => {
      const { customer, headers } = await createCustomer("stale@loyalty.test")
      await loyalty().recordEntries(customer.id, [
        { type: "adjust", points: 200, status: "available", reference: "admin", reference_id: "stale-topup", actor: "test" },
      ])
      await eventually(async () => (await balance(customer.id)).available === 225)
      const cart = await createCart(customer.id)
      const res = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 100 }, { headers })
      expect(res.status).toBe(201)
      expect((await balance(customer.id)).held).toBe(100)

      const ticked = await settleLoyaltyPoints(container(), new Date(Date.now() + 2 * 3600_000))
      expect(ticked.released).toBe(100)
      expect(await balance(customer.id)).toMatchObject({ available: 225, held: 0 })
      const { data: promos } = await query().graph({ entity: "promotion", fields: ["status"], filters: { code: res.data.redemption.code } })
      expect(promos[0].status).toBe("inactive")
      // Medusa drops the deactivated code when the cart is refreshed: the order gets no discount.
      const order = await completeCart(cart.id)
      expect((await orderBase(order.id)).discount).toBe(0)

      // A cart still carrying its code after the hold is gone cannot complete (validate hook).
      const cart2 = await createCart(customer.id)
      const res2 = await api.post("/store/retention/loyalty/redeem", { cart_id: cart2.id, points: 100 }, { headers })
      expect(res2.status).toBe(201)
      await loyalty().releaseHold({ customer_id: customer.id, cart_id: cart2.id })
      const s = await store()
      await addShippingMethodToCartWorkflow(container()).run({ input: { cart_id: cart2.id, options: [{ id: s.shippingOptionId }] } })
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container()).run({ input: { cart_id: cart2.id } })
      await createPaymentSessionsWorkflow(container()).run({ input: { payment_collection_id: collection.id, provider_id: "pp_system_default" } })
      const completion = await completeCartWorkflow(container()).run({ input: { id: cart2.id }, throwOnError: false })
      expect(completion.errors?.[0]?.error?.message).toMatch(/no longer on hold/)
      const { data: stillOpen } = await query().graph({ entity: "cart", fields: ["completed_at"], filters: { id: cart2.id } })
      expect(stillOpen[0].completed_at).toBeNull()
      expect(await balance(customer.id)).toMatchObject({ held: 0 })
    })

    it("takes back the returned share of an order's points when a return is received, once", async () => {
      const { data: orders } = await query().graph({
        entity: "order",
        fields: ["id", "customer_id", "item_subtotal", "status", "items.id", "items.quantity", "items.unit_price", "items.is_tax_inclusive", "items.tax_lines.rate", "fulfillments.delivered_at", "customer.has_account"],
      })
      type Row = { id: string; customer_id: string; item_subtotal: unknown; status: string; items: { id: string; quantity: unknown; unit_price: unknown; is_tax_inclusive: boolean; tax_lines: { rate: unknown }[] }[]; fulfillments?: { delivered_at: unknown }[]; customer?: { has_account?: boolean } }
      // A delivered order of a registered customer with more than one unit, so one unit is a part.
      const order = (orders as Row[]).find(
        (o) =>
          o.status !== "canceled" &&
          o.customer?.has_account &&
          (o.fulfillments ?? []).some((f) => f.delivered_at) &&
          o.items.reduce((n, i) => n + Number(i.quantity), 0) > 1
      )
      if (!order) throw new Error("the demo seed has no delivered order of a registered customer")
      // The seed's order.placed may still be in flight when the snapshot was taken: run it (idempotent).
      await awardOrderPointsWorkflow(container()).run({ input: { order_id: order.id } })
      const [earn] = await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" })
      expect(earn.points).toBeGreaterThan(0)
      const before = await balance(order.customer_id)

      const item = order.items[0]
      // A return through the admin flow: request the item back, then receive it.
      const c = container()
      const { data: locations } = await query().graph({ entity: "stock_location", fields: ["id"] })
      const { result: change } = await beginReturnOrderWorkflow(c).run({ input: { order_id: order.id, location_id: locations[0].id } })
      const ret = { id: String(change.return_id) }
      await requestItemReturnWorkflow(c).run({ input: { return_id: ret.id, items: [{ id: item.id, quantity: 1 }] } })
      await confirmReturnRequestWorkflow(c).run({ input: { return_id: ret.id } })
      await beginReceiveReturnWorkflow(c).run({ input: { return_id: ret.id } })
      await receiveItemReturnRequestWorkflow(c).run({ input: { return_id: ret.id, items: [{ id: item.id, quantity: 1 }] } })
      await confirmReturnReceiveWorkflow(c).run({ input: { return_id: ret.id } })
      // One unit's price without tax, as the item subtotal the points were earned on is.
      const taxRate = item.is_tax_inclusive ? item.tax_lines.reduce((s, t) => s + Number(t.rate), 0) : 0
      const fraction = Number(item.unit_price) / (1 + taxRate / 100) / Number(order.item_subtotal)
      expect(fraction).toBeLessThan(1)
      const expected = Math.round(earn.points * fraction)
      await eventually(async () => (await loyalty().listLoyaltyEntries({ reference: "order_return", reference_id: ret.id })).length === 1)
      const [reverse] = await loyalty().listLoyaltyEntries({ reference: "order_return", reference_id: ret.id })
      expect(reverse).toMatchObject({ type: "reverse", order_id: order.id, points: -expected, status: earn.status === "pending" ? "pending" : "available" })

      // The same event again changes nothing.
      await container().resolve(Modules.EVENT_BUS).emit({ name: "order.return_received", data: { order_id: order.id, return_id: ret.id } })
      await reversePointsOnReturnReceived({ event: { name: "order.return_received", data: { order_id: order.id, return_id: ret.id } }, container: container() } as Parameters<typeof reversePointsOnReturnReceived>[0])
      const after = await balance(order.customer_id)
      expect(after.available + after.pending).toBe(before.available + before.pending - expected)
      expect(await loyalty().listLoyaltyEntries({ reference: "order_return", reference_id: ret.id })).toHaveLength(1)
    })

    it("undoes the hold when the redemption fails after it was placed (workflow compensation)", async () => {
      const { customer, headers } = await createCustomer("compensate@loyalty.test")
      await eventually(async () => (await balance(customer.id)).available === 25)
      await loyalty().recordEntries(customer.id, [
        { type: "adjust", points: 200, status: "available", reference: "admin", reference_id: "comp-topup", actor: "test" },
      ])
      const cart = await createCart(customer.id)
      // A promotion already holds the code the redemption wants, so creating it fails.
      const taken = await api.post(
        "/admin/promotions",
        {
          code: redemptionCode(cart.id),
          type: "standard",
          status: "active",
          application_method: { type: "fixed", target_type: "order", allocation: "across", value: 1, currency_code: "eur" },
        },
        { headers: admin.headers }
      )
      expect(taken.status).toBe(200)
      const res = await settle(api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 100 }, { headers }))
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(await balance(customer.id)).toMatchObject({ available: 225, held: 0 })
      const entries = await loyalty().listLoyaltyEntries({ reference_id: cart.id })
      expect(entries.map((e) => e.type).sort()).toEqual(["hold", "release"])
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: 225, held: 0 })
    })

    it("emails earned (with the tier the order reached) and available once, reminds before expiry with the money value, then expires first in first out", async () => {
      await api.post(
        "/admin/retention/settings/consent",
        { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 },
        { headers: admin.headers }
      )
      await api.post(
        "/admin/retention/loyalty/settings",
        {
          ...PROGRAM,
          expiryMonths: 12,
          expiryReminderDays: 14,
          tiers: [
            { key: "bronze", name: "Bronze", threshold: 0, multiplier: 1 },
            { key: "silver", name: "Silver", threshold: 10, multiplier: 1.25 },
          ],
        },
        { headers: admin.headers }
      )
      const email = "mails@loyalty.test"
      const { customer } = await createCustomer(email)
      await eventually(async () => (await balance(customer.id)).available === 25)
      const order = await completeCart((await createCart(customer.id)).id)
      // One event, one email: the points email carries the tier this order reached.
      const earnedMail = await eventually(async () => (await mailTo(email)).find((m) => m.template === "loyalty-points-earned"))
      expect(earnedMail.subject).toMatch(/^You reached Silver and earned [\d,]+ points at /)
      expect(earnedMail.text).toContain("from now on every order earns 1.25× points")
      // Available (the 25 sign-up points) and pending (this order's) apart.
      expect(earnedMail.text).toMatch(/Available now\s+25\b/)
      expect(earnedMail.text).toMatch(/Pending\s+[1-9]/)
      const { base } = await orderBase(order.id)
      // Earned at the Bronze multiplier (the tier is decided after the order earns).
      const earned = Math.floor(base * 10)
      expect((await balance(customer.id)).tier).toBe("silver")
      expect((await loyalty().listLoyaltyTierChanges({ customer_id: customer.id })).map((c) => c.to_tier)).toEqual(["silver"])

      await settleLoyaltyPoints(container(), new Date(Date.now() + 15 * DAY))
      await settleLoyaltyPoints(container(), new Date(Date.now() + 15 * DAY))
      const templates = (await mailTo(email)).map((m) => m.template).sort()
      expect(templates).toEqual(["loyalty-points-available", "loyalty-points-earned"])

      // Two weeks before the points' first birthday: one reminder, however often the job runs.
      const soon = new Date(Date.now() + 358 * DAY)
      await settleLoyaltyPoints(container(), soon)
      await settleLoyaltyPoints(container(), soon)
      const reminders = (await mailTo(email)).filter((m) => m.template === "loyalty-points-expiring")
      expect(reminders).toHaveLength(1)
      // What the expiring points are worth, in the currency of the customer's order.
      expect(reminders[0].text).toMatch(/Worth \S+ off your next order/)

      const later = new Date(Date.now() + 367 * DAY)
      await settleLoyaltyPoints(container(), later)
      const expired = await loyalty().listLoyaltyEntries({ customer_id: customer.id, type: "expire" })
      expect(expired.map((e) => e.points)).toEqual([-(25 + earned)])
      expect(await balance(customer.id)).toMatchObject({ available: 0 })
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: 0, pending: 0 })
      await settleLoyaltyPoints(container(), later)
      expect(await loyalty().listLoyaltyEntries({ customer_id: customer.id, type: "expire" })).toHaveLength(1)
    })
  },
})
