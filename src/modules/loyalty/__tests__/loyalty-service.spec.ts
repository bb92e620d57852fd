import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { RETENTION_LOYALTY_MODULE } from ".."
import { LoyaltyAccount } from "../models/loyalty-account"
import { LoyaltyEntry } from "../models/loyalty-entry"
import { LoyaltyLiability } from "../models/loyalty-liability"
import { LoyaltyProgram } from "../models/loyalty-program"
import { LoyaltyTierChange } from "../models/loyalty-tier-change"
import { DEFAULT_PROGRAM } from "../program"
import LoyaltyModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: RETENTION_LOYALTY_MODULE,
  moduleModels: [LoyaltyAccount, LoyaltyEntry, LoyaltyProgram, LoyaltyTierChange, LoyaltyLiability],
  resolve: "./src/modules/loyalty",
  testSuite: ({ service }) => {
    const earn = (order: string, points: number, status: "pending" | "available" = "available") => ({
      type: "earn" as const,
      points,
      status,
      reference: "order",
      reference_id: order,
      order_id: order,
      currency_code: "usd",
    })

    it("awards once per (reference, reference_id, type)", async () => {
      await service.recordEntries("cus_a", [earn("order_1", 120, "pending")])
      const again = await service.recordEntries("cus_a", [earn("order_1", 999, "pending")])
      expect(again.inserted).toHaveLength(0)
      const balance = await service.getBalance("cus_a")
      expect(balance).toMatchObject({ pending: 120, available: 0, lifetime_earned: 120 })
      expect(await service.listLoyaltyEntries({ customer_id: "cus_a" })).toHaveLength(1)
    })

    it("lets 20 concurrent 50-point holds on 100 points succeed exactly twice", async () => {
      await service.recordEntries("cus_b", [earn("order_b", 100)])
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          service.recordEntries("cus_b", [
            { type: "hold", points: -50, status: "available", reference: "cart", reference_id: `cart_${i}` },
          ])
        )
      )
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2)
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected")
      expect(rejected).toHaveLength(18)
      expect(String(rejected[0].reason.message)).toMatch(/^points: not enough points/)
      const balance = await service.getBalance("cus_b")
      expect(balance).toMatchObject({ available: 0, held: 100 })
      expect(await service.deriveBalance("cus_b")).toMatchObject({ available: 0, held: 100 })
      expect(await service.listLoyaltyEntries({ customer_id: "cus_b", type: "hold" })).toHaveLength(2)
    })

    it("keeps the cached balance equal to the ledger through every kind of change", async () => {
      const c = "cus_c"
      await service.recordEntries(c, [earn("order_c1", 300, "pending"), earn("order_c2", 200, "pending")])
      await service.settlePending({ customer_id: c, order_id: "order_c1", to: "available" })
      await service.reverseOrderPoints({ customer_id: c, order_id: "order_c2", fraction: 0.5, reference: "order_return", reference_id: "ret_1" })
      await service.recordEntries(c, [{ type: "hold", points: -100, status: "available", reference: "cart", reference_id: "cart_c" }])
      await service.convertHold({ customer_id: c, cart_id: "cart_c", order_id: "order_c3" })
      await service.convertHold({ customer_id: c, cart_id: "cart_c", order_id: "order_c3" })
      await service.recordEntries(c, [{ type: "hold", points: -50, status: "available", reference: "cart", reference_id: "cart_d" }])
      await service.releaseHold({ customer_id: c, cart_id: "cart_d" })
      await service.releaseHold({ customer_id: c, cart_id: "cart_d" })
      await service.reverseOrderPoints({ customer_id: c, order_id: "order_c2", fraction: 1, reference: "order", reference_id: "order_c2" })
      await service.recordEntries(c, [
        { type: "adjust", points: -20, status: "available", reference: "admin", reference_id: "adj_1", actor: "user_1", note: "goodwill fix" },
      ])

      const cached = await service.getBalance(c)
      const derived = await service.deriveBalance(c)
      expect(cached).toMatchObject(derived)
      // 300 earned and available − 100 redeemed − 20 adjusted; order_c2 voided entirely.
      expect(derived).toEqual({ available: 180, pending: 0, held: 0, lifetime_earned: 300 })
    })

    it("keeps the cached liability per currency equal to the ledger's aggregate through earn, settle, redeem, reverse and expiry", async () => {
      const liability = async () => {
        const cached = Object.fromEntries((await service.programSummary()).by_currency.map((c) => [c.currency_code, c.points]))
        const derived = Object.fromEntries((await service.deriveLiability()).map((c) => [c.currency_code, c.points]))
        expect(cached).toEqual(derived)
        return cached
      }
      const past = new Date(Date.now() - 86400_000)
      const l = "cus_liability"
      // Credits: 300 in EUR, 100 in USD (pending), a 100-point bonus without a currency; the EUR
      // credit and the bonus are past their expiry date. Shares 60 / 20 / 20 %.
      await service.recordEntries(l, [
        { ...earn("order_l1", 300), currency_code: "eur", expires_at: past },
        { ...earn("order_l2", 100, "pending") },
        { type: "bonus", points: 100, status: "available", reference: "signup", reference_id: l, expires_at: past },
      ])
      await service.recordEntries("cus_liability_m", [{ ...earn("order_m1", 50), currency_code: "eur" }])
      // 400 available: 240 EUR, 80 USD, 80 none; and the other member's 50 EUR.
      expect(await liability()).toEqual({ eur: 290, usd: 80, none: 80 })
      await service.settlePending({ customer_id: l, order_id: "order_l2", to: "available" })
      expect(await liability()).toEqual({ eur: 350, usd: 100, none: 100 })
      await service.recordEntries(l, [{ type: "redeem", points: -150, status: "available", reference: "cart", reference_id: "cart_l" }])
      expect(await liability()).toEqual({ eur: 260, usd: 70, none: 70 })
      // Half of order_l1 returned: 150 back; 200 available.
      await service.reverseOrderPoints({ customer_id: l, order_id: "order_l1", fraction: 0.5, reference: "order_return", reference_id: "ret_l" })
      expect(await liability()).toEqual({ eur: 170, usd: 40, none: 40 })
      // Only the USD 100 is not yet due: the other 100 of the 200 expire.
      expect((await service.expireDue({ customer_id: l, now: new Date() })).expired).toBe(100)
      expect(await liability()).toEqual({ eur: 110, usd: 20, none: 20 })
      // Spending everything leaves no liability in any currency.
      await service.recordEntries(l, [{ type: "redeem", points: -100, status: "available", reference: "cart", reference_id: "cart_l2" }])
      await service.recordEntries("cus_liability_m", [{ type: "redeem", points: -50, status: "available", reference: "cart", reference_id: "cart_m" }])
      expect(await liability()).toEqual({})
    })

    it("reverses available points of a canceled order, never below zero", async () => {
      const c = "cus_d"
      await service.recordEntries(c, [earn("order_d", 100)])
      await service.recordEntries(c, [{ type: "redeem", points: -80, status: "available", reference: "cart", reference_id: "cart_dd" }])
      const { points } = await service.reverseOrderPoints({ customer_id: c, order_id: "order_d", fraction: 1, reference: "order", reference_id: "order_d" })
      expect(points).toBe(-20)
      const again = await service.reverseOrderPoints({ customer_id: c, order_id: "order_d", fraction: 1, reference: "order", reference_id: "order_d" })
      expect(again.points).toBe(0)
      expect(await service.getBalance(c)).toMatchObject({ available: 0 })
    })

    it("never takes back more for returns and refunds together than the larger of their shares", async () => {
      const c = "cus_r"
      await service.recordEntries(c, [earn("order_r", 100)])
      const reverse = (reference: string, reference_id: string, fraction: number) =>
        service.reverseOrderPoints({ customer_id: c, order_id: "order_r", fraction, cumulative: true, reference, reference_id })
      // Half the order comes back, then the refund for it: the refund takes nothing more.
      expect((await reverse("order_return", "ret_1", 0.5)).points).toBe(-50)
      expect((await reverse("refund", "ref_1", 0.5)).points).toBe(0)
      // A further refund (refunds now 75% of the order) takes the difference, once.
      expect((await reverse("refund", "ref_2", 0.75)).points).toBe(-25)
      expect((await reverse("refund", "ref_2", 0.75)).points).toBe(0)
      // Everything refunded: the rest, and never beyond what was earned.
      expect((await reverse("refund", "ref_3", 1)).points).toBe(-25)
      expect((await reverse("order_return", "ret_2", 1)).points).toBe(0)
      expect(await service.getBalance(c)).toMatchObject({ available: 0 })
      expect(await service.deriveBalance(c)).toMatchObject({ available: 0 })
    })

    it("lists tier candidates whose order points left the 12-month window, not others", async () => {
      const DAY = 86400_000
      await service.recordEntries("cus_t1", [earn("order_t1", 500)])
      await service.recordEntries("cus_t2", [earn("order_t2", 500)])
      await service.recordEntries("cus_t3", [earn("order_t3", 500)])
      const settings = DEFAULT_PROGRAM
      await service.evaluateTier({ customer_id: "cus_t1", settings, now: new Date() })
      await service.evaluateTier({ customer_id: "cus_t2", settings, now: new Date() })
      // cus_t3 never got a tier: nothing to re-evaluate.
      const inAYear = new Date(Date.now() + 366 * DAY)
      const candidates = await service.listTierCandidates({ now: inAYear, lookbackDays: 3, limit: 10 })
      expect(candidates).toEqual(expect.arrayContaining(["cus_t1", "cus_t2"]))
      expect(candidates).not.toContain("cus_t3")
      // Keyset paging: one page at a time, in id order.
      const [first] = await service.listTierCandidates({ now: inAYear, lookbackDays: 3, limit: 1 })
      const second = await service.listTierCandidates({ now: inAYear, lookbackDays: 3, after: first, limit: 10 })
      expect(second).not.toContain(first)
      // A month from now nothing has aged out and nothing changed since.
      expect(await service.listTierCandidates({ now: new Date(Date.now() + 30 * DAY), lookbackDays: 3, limit: 10 })).toEqual([])
    })

    it("expires the oldest credits first", async () => {
      const c = "cus_e"
      const past = new Date(Date.now() - 86400_000)
      const future = new Date(Date.now() + 30 * 86400_000)
      await service.recordEntries(c, [
        { ...earn("order_e1", 100), expires_at: past },
        { ...earn("order_e2", 100), expires_at: future },
      ])
      await service.recordEntries(c, [{ type: "redeem", points: -60, status: "available", reference: "cart", reference_id: "cart_e" }])
      const { expired } = await service.expireDue({ customer_id: c, now: new Date() })
      // The 60 redeemed came out of the old 100; 40 of it is left to expire, the new 100 stays.
      expect(expired).toBe(40)
      expect((await service.expireDue({ customer_id: c, now: new Date() })).expired).toBe(0)
      expect(await service.getBalance(c)).toMatchObject({ available: 100 })
      expect(await service.deriveBalance(c)).toMatchObject({ available: 100 })
    })

    it("redeems only the points the order's discount used, keeps a later round apart, and the order's reversal ignores it", async () => {
      const c = "cus_g"
      await service.recordEntries(c, [earn("order_g0", 1000), earn("order_g", 200)])
      const hold = (key: string, points: number) => ({ type: "hold" as const, points: -points, status: "available" as const, reference: "cart", reference_id: key })
      // A first round released (code removed), then a second round on the same cart.
      await service.recordEntries(c, [hold("cart_g", 600)])
      await service.releaseHold({ customer_id: c, cart_id: "cart_g" })
      await service.recordEntries(c, [hold("cart_g~2", 400)])
      expect(await service.countCartHolds("cart_g")).toBe(2)
      expect(await service.getOpenHold(c, "cart_g")).toMatchObject({ key: "cart_g~2", points: 400 })
      // The order's capped discount was worth 250 of the 400 held points: 150 come back.
      const settled = await service.convertHold({ customer_id: c, cart_id: "cart_g", order_id: "order_g", points_used: 250 })
      expect(settled).toMatchObject({ converted: 250, released: 150 })
      expect(await service.getBalance(c)).toMatchObject({ available: 950, held: 0 })
      expect(await service.deriveBalance(c)).toMatchObject({ available: 950, held: 0 })
      // A cancel of order_g takes back what order_g earned (200), not the unused hold.
      const reversed = await service.reverseOrderPoints({ customer_id: c, order_id: "order_g", fraction: 1, reference: "order", reference_id: "order_g" })
      expect(reversed.points).toBe(-200)
    })

    it("refuses an entry or a balance beyond the documented maximum, writing nothing", async () => {
      const c = "cus_h"
      await service.recordEntries(c, [earn("order_h", 999_999_000)])
      await expect(service.recordEntries(c, [earn("order_h2", 2000)])).rejects.toThrow(/^points: the balance would exceed/)
      await expect(service.recordEntries(c, [earn("order_h3", 2 ** 31)])).rejects.toThrow(/^points: must be a whole number/)
      expect(await service.getBalance(c)).toMatchObject({ available: 999_999_000 })
      expect(await service.listLoyaltyEntries({ customer_id: c })).toHaveLength(1)
    })

    it("records tier changes on the rolling window", async () => {
      const c = "cus_f"
      await service.recordEntries(c, [earn("order_f", 1200)])
      const change = await service.evaluateTier({ customer_id: c, settings: DEFAULT_PROGRAM, now: new Date() })
      expect(change).toMatchObject({ from: null, to: "silver", changed: true })
      expect((await service.evaluateTier({ customer_id: c, settings: DEFAULT_PROGRAM, now: new Date() })).changed).toBe(false)
      expect(await service.listLoyaltyTierChanges({ customer_id: c })).toHaveLength(1)
    })

    it("stores valid program settings and refuses invalid ones", async () => {
      await service.saveProgram({ ...DEFAULT_PROGRAM, signupBonus: 75 }, "user_1")
      expect((await service.getProgram()).signupBonus).toBe(75)
      await expect(service.saveProgram({ ...DEFAULT_PROGRAM, redeemStep: 0 }, "user_1")).rejects.toThrow()
    })
  },
})
