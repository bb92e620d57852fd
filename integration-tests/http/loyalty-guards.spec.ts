// Loyalty guards found by the outside review (issue #12) through the real app: a hold is redeemed
// only for the discount its order actually carries; a cart that changed after the maximum was
// redeemed cannot complete until it is redeemed again; the store never sees an admin's internal
// note; adjustments need a real customer; points and settings stay within their documented limits.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PromotionActions } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  updateCartPromotionsWorkflow,
  updateLineItemInCartWorkflow,
} from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { settleLoyaltyPoints } from "../../src/jobs/settle-loyalty-points"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { TEST_PROGRAM } from "../helpers/loyalty"
import { settle, useOutbox } from "../helpers/outbox"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { createShopper } from "../helpers/customers"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

useOutbox("loyalty-guards")

const PROGRAM = TEST_PROGRAM

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { store, createEuroCart, completeCart } = cartRecoveryHelpers(container)
    const loyalty = (): LoyaltyModuleService => container().resolve(RETENTION_LOYALTY_MODULE)
    const query = () => container().resolve(ContainerRegistrationKeys.QUERY)
    const balance = (customerId: string) => loyalty().getBalance(customerId)
    let admin: { headers: { authorization: string }; userId: string }

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      admin = await createAdminAndLogin(container(), api)
      const res = await api.post("/admin/retention/loyalty/settings", PROGRAM, { headers: admin.headers })
      expect(res.status).toBe(200)
    })

    /** A registered customer logged in through the real auth route, with `topUp` points on top of the sign-up bonus. */
    const createCustomer = async (email: string, topUp = 0) => {
      const { customer, token } = await createShopper(container(), api, email)
      const s = await store()
      // The sign-up bonus arrives by event: let it land before balances are compared.
      await eventually(async () => (await balance(customer.id)).available === 25)
      if (topUp) {
        await loyalty().recordEntries(customer.id, [
          { type: "adjust", points: topUp, status: "available", reference: "admin", reference_id: `${email}-topup`, actor: "test" },
        ])
      }
      return { customer, headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": s.publishableKey } }
    }

    const cartRow = async (cartId: string) => {
      const { data } = await query().graph({
        entity: "cart",
        fields: ["id", "item_subtotal", "discount_subtotal", "completed_at", "promotions.code", "items.id"],
        filters: { id: cartId },
      })
      const c = data[0] as { item_subtotal: unknown; discount_subtotal: unknown; completed_at: unknown; promotions?: { code?: string }[]; items: { id: string }[] }
      return { ...c, codes: (c.promotions ?? []).map((p) => p?.code) }
    }
    const orderDiscount = async (orderId: string) => {
      const { data } = await query().graph({ entity: "order", fields: ["id", "item_subtotal", "discount_subtotal"], filters: { id: orderId } })
      return Number(data[0].discount_subtotal)
    }
    const promotionStatus = async (code: string) => {
      const { data } = await query().graph({ entity: "promotion", fields: ["status"], filters: { code } })
      return data[0]?.status
    }
    /** Shipping, payment session, then completeCartWorkflow without throwing. */
    const tryComplete = async (cartId: string) => {
      const s = await store()
      await addShippingMethodToCartWorkflow(container()).run({ input: { cart_id: cartId, options: [{ id: s.shippingOptionId }] } })
      const { result: collection } = await createPaymentCollectionForCartWorkflow(container()).run({ input: { cart_id: cartId } })
      await createPaymentSessionsWorkflow(container()).run({ input: { payment_collection_id: collection.id, provider_id: "pp_system_default" } })
      return completeCartWorkflow(container()).run({ input: { id: cartId }, throwOnError: false })
    }
    /** The largest redemption the rules allow on a cart (50% of its subtotal, steps of 50 points at 0.01). */
    const maxPoints = async (cartId: string) => {
      const c = await cartRow(cartId)
      const subtotal = Number(c.item_subtotal) - Number(c.discount_subtotal)
      return Math.floor((subtotal * PROGRAM.maxRedeemShare) / PROGRAM.pointValue / PROGRAM.redeemStep) * PROGRAM.redeemStep
    }

    it("gives the points back, and deactivates the code, when the order does not carry the points discount", async () => {
      const { customer, headers } = await createCustomer("removed-code@guards.test", 300)
      const cart = await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 2]] })
      const redeemed = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 100 }, { headers })
      expect(redeemed.status).toBe(201)
      const code = redeemed.data.redemption.code
      expect(await balance(customer.id)).toMatchObject({ available: 225, held: 100 })

      // The shopper takes the code off the cart and checks out at full price.
      await updateCartPromotionsWorkflow(container()).run({ input: { cart_id: cart.id, promo_codes: [code], action: PromotionActions.REMOVE } })
      const order = await completeCart(cart.id)
      expect(await orderDiscount(order.id)).toBe(0)

      await eventually(async () => (await balance(customer.id)).held === 0)
      expect(await balance(customer.id)).toMatchObject({ available: 325, held: 0 })
      expect(await loyalty().listLoyaltyEntries({ reference_id: cart.id, type: "redeem" })).toHaveLength(0)
      const [release] = await loyalty().listLoyaltyEntries({ reference_id: cart.id, type: "release" })
      expect(release).toMatchObject({ points: 100, note: "points discount not on the order; hold released" })
      expect(await promotionStatus(code)).toBe("inactive")
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: 325, held: 0 })
    })

    it("takes a timed-out hold's code off the cart, so the cart no longer shows the discount", async () => {
      const { customer, headers } = await createCustomer("stale-code@guards.test", 300)
      const cart = await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 2]] })
      const redeemed = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 100 }, { headers })
      expect(redeemed.status).toBe(201)
      expect((await cartRow(cart.id)).codes).toContain(redeemed.data.redemption.code)

      const ticked = await settleLoyaltyPoints(container(), new Date(Date.now() + 2 * 3600_000))
      expect(ticked.released).toBe(100)
      const after = await cartRow(cart.id)
      expect(after.codes).not.toContain(redeemed.data.redemption.code)
      expect(Number(after.discount_subtotal)).toBe(0)
      expect(await promotionStatus(redeemed.data.redemption.code)).toBe("inactive")
      expect(await balance(customer.id)).toMatchObject({ available: 325, held: 0 })

      // The cart completes at full price; nothing is redeemed.
      const completion = await tryComplete(cart.id)
      expect(completion.errors ?? []).toHaveLength(0)
      expect(await loyalty().listLoyaltyEntries({ reference_id: cart.id, type: "redeem" })).toHaveLength(0)
    })

    it("refuses a cart whose items were lowered after the maximum was redeemed, until it is redeemed again", async () => {
      const { customer, headers } = await createCustomer("max-share@guards.test", 5000)
      const cart = await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 4]] })
      const most = await maxPoints(cart.id)
      const first = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: most }, { headers })
      expect(first.status).toBe(201)

      // Three of the four bags go: the same discount would now pay for (nearly) the whole cart.
      const itemId = (await cartRow(cart.id)).items[0].id
      await updateLineItemInCartWorkflow(container()).run({ input: { cart_id: cart.id, item_id: itemId, update: { quantity: 1 } } })
      const refused = await tryComplete(cart.id)
      expect(refused.errors?.[0]?.error?.message).toMatch(/no longer fits this cart.*redeem points again/)
      expect((await cartRow(cart.id)).completed_at).toBeNull()
      expect(await balance(customer.id)).toMatchObject({ available: 5025 - most, held: most })

      // Redeeming the same cart again while the code is on it is refused; without the code, the
      // old hold is given back and a new one sized for the cart as it is now takes its place.
      const twice = await settle(api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 50 }, { headers }))
      expect(twice.status).toBe(422)
      expect(twice.data.message).toMatch(/^cart_id: points were already redeemed/)
      await updateCartPromotionsWorkflow(container()).run({
        input: { cart_id: cart.id, promo_codes: [first.data.redemption.code], action: PromotionActions.REMOVE },
      })
      const fewer = await maxPoints(cart.id)
      expect(fewer).toBeLessThan(most)
      const again = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: fewer }, { headers })
      expect(again.status).toBe(201)
      expect(again.data.redemption.code).not.toBe(first.data.redemption.code)
      expect(await promotionStatus(first.data.redemption.code)).toBe("inactive")
      expect(await balance(customer.id)).toMatchObject({ available: 5025 - fewer, held: fewer })

      const { result: order, errors } = await completeCartWorkflow(container()).run({ input: { id: cart.id }, throwOnError: false })
      expect(errors ?? []).toHaveLength(0)
      expect(await orderDiscount(order.id)).toBeCloseTo(again.data.redemption.amount, 2)
      await eventually(async () => (await balance(customer.id)).held === 0)
      const redeems = await loyalty().listLoyaltyEntries({ customer_id: customer.id, type: "redeem" })
      expect(redeems.map((e) => e.points)).toEqual([-fewer])
      const after = await balance(customer.id)
      expect(after.available).toBe(5025 - fewer)
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: after.available, held: 0 })
    })

    it("shows the customer the adjustment's reason, never the internal note", async () => {
      const { customer, headers } = await createCustomer("note@guards.test")
      const url = `/admin/retention/loyalty/customers/${customer.id}/adjustments`
      // The internal note is required; the old payload (reason only) is refused rather than shown.
      const oldShape = await settle(api.post(url, { points: 10, reason: "customer keeps complaining" }, { headers: admin.headers }))
      expect(oldShape.status).toBe(400)
      expect(oldShape.data.message).toMatch(/note: is required/)

      const ok = await api.post(
        url,
        { points: 40, note: "chargeback risk, do not extend further", reason: "Sorry for the late delivery", idempotency_key: "TICKET-4242" },
        { headers: admin.headers }
      )
      expect(ok.status).toBe(201)
      expect(ok.data.entry).toMatchObject({ note: "chargeback risk, do not extend further", reason: "Sorry for the late delivery" })
      const silent = await api.post(url, { points: 5, note: "internal only" }, { headers: admin.headers })
      expect(silent.data.entry).toMatchObject({ note: "internal only", reason: null })

      const history = await api.get("/store/retention/loyalty/history", { headers })
      const text = JSON.stringify(history.data)
      expect(text).not.toMatch(/chargeback|internal only|TICKET-4242/)
      const adjustments = history.data.entries.filter((e: { type: string }) => e.type === "adjust")
      expect(adjustments.map((e: { reason: string | null }) => e.reason)).toEqual([null, "Sorry for the late delivery"])
      for (const e of history.data.entries) expect(e).not.toHaveProperty("note")

      // The admin still sees both.
      const view = await api.get(`/admin/retention/loyalty/customers/${customer.id}`, { headers: admin.headers })
      expect(view.data.entries.find((e: { points: number }) => e.points === 40)).toMatchObject({
        note: "chargeback risk, do not extend further",
        reason: "Sorry for the late delivery",
      })
    })

    it("refuses adjustments for a customer that does not exist, and points beyond the documented limits", async () => {
      const ghost = await settle(
        api.post("/admin/retention/loyalty/customers/cus_does_not_exist/adjustments", { points: 10, note: "typo in the id" }, { headers: admin.headers })
      )
      expect(ghost.status).toBe(404)
      expect(ghost.data.message).toMatch(/customer cus_does_not_exist was not found/)
      expect(await loyalty().listLoyaltyAccounts({ customer_id: "cus_does_not_exist" })).toHaveLength(0)

      const { customer, headers } = await createCustomer("limits@guards.test")
      const url = `/admin/retention/loyalty/customers/${customer.id}/adjustments`
      const adjust = (points: unknown) => settle(api.post(url, { points, note: "limits test" }, { headers: admin.headers }))
      for (const bad of [1.5, "10", -3_000_000_000, 2 ** 31, null]) {
        const res = await adjust(bad)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/^points: /)
      }
      // A balance just under the maximum: one more adjustment would pass it.
      await loyalty().recordEntries(customer.id, [
        { type: "adjust", points: 999_999_000, status: "available", reference: "admin", reference_id: "limits-near-max", actor: "test" },
      ])
      const over = await adjust(1_000_000)
      expect(over.status).toBe(400)
      expect(over.data.message).toMatch(/^points: the balance would exceed the maximum of 1,000,000,000 points/)
      expect((await balance(customer.id)).available).toBe(999_999_025)
      expect((await adjust(975)).status).toBe(201)

      // Redemption amounts: huge, fractional, negative, not a number.
      const cart = await createEuroCart({ customer_id: customer.id, items: [["ETH-YIRG-250", 1]] })
      for (const points of [1e12, 50.5, -50, "50", 2 ** 53]) {
        const res = await settle(api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points }, { headers }))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/^points: /)
      }

      // Program settings: every points value has a ceiling and must be a whole number where it counts.
      const save = (patch: Record<string, unknown>) =>
        settle(api.post("/admin/retention/loyalty/settings", { ...PROGRAM, ...patch }, { headers: admin.headers }))
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ minRedeemPoints: 3_000_000_000 }, /minRedeemPoints: must be at most 1,000,000,000/],
        [{ redeemStep: 3_000_000_000 }, /redeemStep: must be at most 1,000,000,000/],
        [{ signupBonus: 3_000_000_000 }, /signupBonus/],
        [{ signupBonus: -5 }, /signupBonus/],
        [{ birthdayBonus: 2.5 }, /birthdayBonus/],
        [{ firstOrderBonus: "ten" }, /firstOrderBonus/],
        [{ pointsPerCurrencyUnit: { eur: 1e12 } }, /pointsPerCurrencyUnit\.eur/],
        [{ pointsPerCurrencyUnit: { eur: -1 } }, /pointsPerCurrencyUnit\.eur/],
        [{ pointValue: "cheap" }, /pointValue/],
        [{ tiers: [{ key: "gold", name: "Gold", threshold: 3_000_000_000, multiplier: 1 }] }, /tiers\.0\.threshold: must be at most 1,000,000,000/],
      ]
      for (const [patch, message] of cases) {
        const res = await save(patch)
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(message)
      }
      // History paging cannot push an out-of-range offset to the database (zod refuses unsafe integers).
      const deep = await settle(api.get("/store/retention/loyalty/history?offset=100000000000000000000", { headers }))
      expect(deep.status).toBe(400)
      expect(deep.data.message).toMatch(/offset/)
    })
  },
})
