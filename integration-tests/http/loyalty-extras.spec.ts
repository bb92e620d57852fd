// Loyalty extras through the real app: reversal on payment.refunded (with and without a received
// return), the birthday bonus, the daily tier re-evaluation and point values per currency.
// Time moves by passing `now` to the job functions, never by sleeping.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  beginReceiveReturnWorkflow,
  beginReturnOrderWorkflow,
  capturePaymentWorkflow,
  confirmReturnReceiveWorkflow,
  confirmReturnRequestWorkflow,
  createOrderFulfillmentWorkflow,
  receiveItemReturnRequestWorkflow,
  refundPaymentWorkflow,
  requestItemReturnWorkflow,
} from "@medusajs/medusa/core-flows"
import { retentionTestRunner } from "../helpers/runner"
import { seedDemoStore } from "../../scripts/demo/seed"
import { awardBirthdayBonuses, reevaluateTiers } from "../../src/jobs/loyalty-daily"
import { settleLoyaltyPoints } from "../../src/jobs/settle-loyalty-points"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import type { ProgramSettings } from "../../src/modules/loyalty/program"
import reversePointsOnPaymentRefunded from "../../src/subscribers/loyalty-payment-refunded-reverse-points"
import { reevaluateTierWorkflow } from "../../src/workflows/loyalty/reevaluate-tier"
import { TEST_PROGRAM } from "../helpers/loyalty"
import { settle, useOutbox } from "../helpers/outbox"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { createShopper } from "../helpers/customers"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"

jest.setTimeout(300_000)

const { mailTo } = useOutbox("loyalty-extras")

const DAY = 86400_000
const PROGRAM = TEST_PROGRAM

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { store, createEuroCart, completeCart } = cartRecoveryHelpers(container)
    const loyalty = (): LoyaltyModuleService => container().resolve(RETENTION_LOYALTY_MODULE)
    const query = () => container().resolve(ContainerRegistrationKeys.QUERY)
    let admin: { headers: { authorization: string }; userId: string }
    const saveProgram = async (settings: Partial<ProgramSettings>) => {
      const res = await api.post("/admin/retention/loyalty/settings", { ...PROGRAM, ...settings }, { headers: admin.headers })
      expect(res.status).toBe(200)
      return res.data.settings as ProgramSettings
    }

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    beforeEach(async () => {
      admin = await createAdminAndLogin(container(), api)
      await saveProgram({})
    })

    /** A registered customer logged in through the real auth route. */
    const createCustomer = async (email: string, metadata?: Record<string, unknown>) => {
      const { customer, token } = await createShopper(container(), api, email, { metadata })
      const s = await store()
      return { customer, headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": s.publishableKey } }
    }

    const createCart = (customerId: string, quantity = 2) =>
      createEuroCart({ customer_id: customerId, items: [["ETH-YIRG-250", quantity]] })
    const balance = (customerId: string) => loyalty().getBalance(customerId)

    /** A placed order whose points were earned, with its captured payment. */
    const paidOrder = async (customerId: string) => {
      // The sign-up bonus arrives by event: let it land before balances are compared.
      await eventually(async () => (await balance(customerId)).available >= 25)
      const order = await completeCart((await createCart(customerId)).id)
      const earn = await eventually(async () => (await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" }))[0])
      const { data } = await query().graph({
        entity: "order",
        fields: ["id", "item_total", "item_subtotal", "total", "items.id", "items.quantity", "items.unit_price", "payment_collections.payments.id"],
        filters: { id: order.id },
      })
      const row = data[0] as {
        item_total: unknown
        item_subtotal: unknown
        total: unknown
        items: { id: string; quantity: unknown; unit_price: unknown }[]
        payment_collections: { payments: { id: string }[] }[]
      }
      const paymentId = row.payment_collections[0].payments[0].id
      await capturePaymentWorkflow(container()).run({ input: { payment_id: paymentId } })
      return { order, earn, paymentId, itemTotal: Number(row.item_total), total: Number(row.total), items: row.items }
    }
    const refundEntries = (orderId: string) => loyalty().listLoyaltyEntries({ order_id: orderId, reference: "refund" })

    it("takes back a refund's share of the order's points, once per refund, without a return", async () => {
      const { customer } = await createCustomer("refund@loyalty.test")
      const { order, earn, paymentId, itemTotal, total } = await paidOrder(customer.id)
      expect(earn.points).toBeGreaterThan(0)
      // Shipping is part of what was paid: a refund is measured against the whole.
      expect(total).toBeGreaterThan(itemTotal)
      const before = await balance(customer.id)

      // A quarter of what was paid comes back: a quarter of the points goes.
      const quarter = Math.round((total / 4) * 100) / 100
      await refundPaymentWorkflow(container()).run({ input: { payment_id: paymentId, amount: quarter } })
      const first = await eventually(async () => (await refundEntries(order.id))[0])
      const expectedFirst = Math.round(earn.points * (quarter / total))
      expect(expectedFirst).toBeGreaterThan(0)
      // Still inside the return window: the reversal is pending, like the points it takes.
      expect(first).toMatchObject({ type: "reverse", points: -expectedFirst, status: "pending", order_id: order.id })
      expect(await balance(customer.id)).toMatchObject({ pending: before.pending - expectedFirst, available: before.available })

      // The same event again — through the event bus and the subscriber — changes nothing.
      await container().resolve(Modules.EVENT_BUS).emit({ name: "payment.refunded", data: { id: paymentId } })
      const event = { event: { name: "payment.refunded", data: { id: paymentId } }, container: container() }
      await reversePointsOnPaymentRefunded(event as Parameters<typeof reversePointsOnPaymentRefunded>[0])
      await reversePointsOnPaymentRefunded(event as Parameters<typeof reversePointsOnPaymentRefunded>[0])
      expect(await refundEntries(order.id)).toHaveLength(1)
      expect((await balance(customer.id)).pending).toBe(before.pending - expectedFirst)

      // A second refund of the same size: together half the points, counted on the total so far.
      await refundPaymentWorkflow(container()).run({ input: { payment_id: paymentId, amount: quarter } })
      await eventually(async () => (await refundEntries(order.id)).length === 2)
      const half = Math.round(earn.points * ((2 * quarter) / total))
      const reversed = -(await refundEntries(order.id)).reduce((sum, e) => sum + e.points, 0)
      expect(reversed).toBe(half)
      const after = await balance(customer.id)
      expect(after.pending).toBe(before.pending - half)
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: after.available, pending: after.pending })
    })

    it("does not reverse twice when the refund pays for a received return", async () => {
      const { customer } = await createCustomer("return-refund@loyalty.test")
      const { order, earn, paymentId, itemTotal, total, items } = await paidOrder(customer.id)
      const c = container()
      const { data: locations } = await query().graph({ entity: "stock_location", fields: ["id"] })
      await createOrderFulfillmentWorkflow(c).run({
        input: { order_id: order.id, location_id: locations[0].id, items: items.map((i) => ({ id: i.id, quantity: Number(i.quantity) })) },
      })

      // One of the two units comes back: half the points go with the return.
      const item = items[0]
      expect(Number(item.quantity)).toBe(2)
      const { result: change } = await beginReturnOrderWorkflow(c).run({ input: { order_id: order.id, location_id: locations[0].id } })
      const returnId = String(change.return_id)
      await requestItemReturnWorkflow(c).run({ input: { return_id: returnId, items: [{ id: item.id, quantity: 1 }] } })
      await confirmReturnRequestWorkflow(c).run({ input: { return_id: returnId } })
      await beginReceiveReturnWorkflow(c).run({ input: { return_id: returnId } })
      await receiveItemReturnRequestWorkflow(c).run({ input: { return_id: returnId, items: [{ id: item.id, quantity: 1 }] } })
      await confirmReturnReceiveWorkflow(c).run({ input: { return_id: returnId } })
      const returned = await eventually(async () => (await loyalty().listLoyaltyEntries({ reference: "order_return", reference_id: returnId }))[0])
      const halfPoints = Math.round(earn.points / 2)
      expect(returned.points).toBe(-halfPoints)
      const afterReturn = await balance(customer.id)

      // The merchant refunds that unit: the refund's share equals what the return took back.
      const unitPaid = Math.round((itemTotal / 2) * 100) / 100
      await refundPaymentWorkflow(c).run({ input: { payment_id: paymentId, amount: unitPaid } })
      await eventually(async () => {
        const { data } = await query().graph({ entity: "payment", fields: ["refunds.id"], filters: { id: paymentId } })
        return (data[0] as { refunds?: unknown[] }).refunds?.length === 1
      })
      await reversePointsOnPaymentRefunded({ event: { name: "payment.refunded", data: { id: paymentId } }, container: c } as Parameters<typeof reversePointsOnPaymentRefunded>[0])
      expect(await refundEntries(order.id)).toHaveLength(0)
      expect(await balance(customer.id)).toMatchObject({ pending: afterReturn.pending, available: afterReturn.available })

      // Refunding everything else (the other unit and shipping) takes the rest, never more than earned.
      await refundPaymentWorkflow(c).run({ input: { payment_id: paymentId, amount: Math.round((total - unitPaid) * 100) / 100 } })
      await reversePointsOnPaymentRefunded({ event: { name: "payment.refunded", data: { id: paymentId } }, container: c } as Parameters<typeof reversePointsOnPaymentRefunded>[0])
      const left = (await loyalty().listLoyaltyEntries({ order_id: order.id }))
        .filter((e) => e.status !== "void")
        .reduce((sum, e) => sum + e.points, 0)
      expect(left).toBe(0)
      const final = await balance(customer.id)
      expect(final.pending).toBe(afterReturn.pending - (earn.points - halfPoints))
      expect(final.pending).toBeGreaterThanOrEqual(0)
      expect(await loyalty().deriveBalance(customer.id)).toMatchObject({ available: final.available, pending: final.pending })
    })

    it("awards the birthday bonus once a year to registered customers, 29 February on the 28th", async () => {
      await saveProgram({ birthdayBonus: 30, expiryMonths: 12 })
      // 28 February 2027 (not a leap year), midday UTC; the store's time zone is UTC by default.
      const now = new Date("2027-02-28T12:00:00Z")
      const today = await createCustomer("bday-today@loyalty.test", { birthday: "1990-02-28" })
      const leap = await createCustomer("bday-leap@loyalty.test", { birthday: "2000-02-29" })
      const yesterday = await createCustomer("bday-yesterday@loyalty.test", { birthday: "02-27" })
      const tomorrow = await createCustomer("bday-tomorrow@loyalty.test", { birthday: "03-01" })
      const nonsense = await createCustomer("bday-nonsense@loyalty.test", { birthday: "12-02-28" })
      const customers = container().resolve(Modules.CUSTOMER)
      const [guest] = await customers.createCustomers([{ email: "bday-guest@loyalty.test", metadata: { birthday: "1990-02-28" } }])
      expect(guest.has_account).toBe(false)

      // The pass finds customers with a metadata filter in SQL, not by loading all of them.
      const { data: matched } = await query().graph({
        entity: "customer",
        fields: ["id"],
        filters: { has_account: true, metadata: { birthday: { $like: "%02-28" } } } as Record<string, unknown>,
      })
      expect(matched.map((c) => c.id).sort()).toEqual([today.customer.id, nonsense.customer.id].sort())

      const bonuses = (customerId: string) => loyalty().listLoyaltyEntries({ customer_id: customerId, reference: "birthday" })
      const first = await awardBirthdayBonuses(container(), now)
      expect(first.awarded).toBeGreaterThanOrEqual(3)
      for (const c of [today, leap, yesterday]) {
        const rows = await bonuses(c.customer.id)
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({ type: "bonus", points: 30, status: "available", reference_id: `${c.customer.id}:2027` })
      }
      for (const id of [tomorrow.customer.id, nonsense.customer.id, guest.id]) expect(await bonuses(id)).toHaveLength(0)

      // The same day again, and the next day (which catches up "yesterday"), change nothing for them.
      const again = await awardBirthdayBonuses(container(), now)
      expect(again.awarded).toBe(0)
      await awardBirthdayBonuses(container(), new Date("2027-03-01T12:00:00Z"))
      for (const c of [today, leap, yesterday]) expect(await bonuses(c.customer.id)).toHaveLength(1)
      expect(await bonuses(tomorrow.customer.id)).toHaveLength(1)
      const todayBalance = await balance(today.customer.id)
      expect(todayBalance.available).toBe((await loyalty().deriveBalance(today.customer.id)).available)

      // A year later, another bonus; with the bonus at 0, none.
      await awardBirthdayBonuses(container(), new Date("2028-02-28T12:00:00Z"))
      expect((await bonuses(today.customer.id)).map((e) => e.reference_id).sort()).toEqual([`${today.customer.id}:2027`, `${today.customer.id}:2028`])
      await saveProgram({ birthdayBonus: 0 })
      const off = await awardBirthdayBonuses(container(), new Date("2029-02-28T12:00:00Z"))
      expect(off.awarded).toBe(0)
      expect(await bonuses(today.customer.id)).toHaveLength(2)

      // The metadata key is a setting.
      await saveProgram({ birthdayBonus: 10, birthdayMetadataKey: "dob" })
      const dob = await createCustomer("bday-dob@loyalty.test", { dob: "1970-07-04" })
      await awardBirthdayBonuses(container(), new Date("2027-07-04T08:00:00Z"))
      expect(await bonuses(dob.customer.id)).toMatchObject([{ points: 10, reference_id: `${dob.customer.id}:2027` }])
      // A customer writes their own metadata: an account younger than 30 days naming today gets nothing.
      const todayUtc = new Date().toISOString().slice(5, 10)
      const fresh = await createCustomer("bday-fresh@loyalty.test", { dob: todayUtc })
      await awardBirthdayBonuses(container(), new Date())
      expect(await bonuses(fresh.customer.id)).toHaveLength(0)
      await awardBirthdayBonuses(container(), new Date(Date.now() + 366 * DAY))
      expect(await bonuses(fresh.customer.id)).toHaveLength(1)
      const badKey = await settle(api.post("/admin/retention/loyalty/settings", { ...PROGRAM, birthdayMetadataKey: "no spaces" }, { headers: admin.headers }))
      expect(badKey.status).toBe(400)
      expect(badKey.data.message).toMatch(/^birthdayMetadataKey:/)
    })

    it("re-evaluates tiers daily: a rise from new tier settings is emailed, a drop as points age out is not, once", async () => {
      await api.post(
        "/admin/retention/settings/consent",
        { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 },
        { headers: admin.headers }
      )
      const bronzeSilver = [
        { key: "bronze", name: "Bronze", threshold: 0, multiplier: 1 },
        { key: "silver", name: "Silver", threshold: 10, multiplier: 1.25 },
      ]
      await saveProgram({ tiers: bronzeSilver })
      const email = "tiers@loyalty.test"
      const { customer } = await createCustomer(email)
      const order = await completeCart((await createCart(customer.id)).id)
      await eventually(async () => (await balance(customer.id)).tier === "silver")
      const [earn] = await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" })
      expect(earn.points).toBeGreaterThan(100)
      // The order's tier rise travels in its points email, not in a second one.
      const earnedMail = await eventually(async () => (await mailTo(email)).find((m) => m.template === "loyalty-points-earned"))
      expect(earnedMail.subject).toMatch(/^You reached Silver and earned/)
      expect((await mailTo(email)).filter((m) => m.template === "loyalty-tier-reached")).toHaveLength(0)
      const changes = async () =>
        (await loyalty().listLoyaltyTierChanges({ customer_id: customer.id }, { order: { created_at: "ASC" } })).map((c) => [c.from_tier, c.to_tier])

      // Nothing moved: the customer is not even a candidate.
      const quiet = await reevaluateTiers(container(), new Date(Date.now() + 30 * DAY))
      expect(await changes()).toEqual([[null, "silver"]])
      expect(quiet.changed).toBe(0)

      // The merchant adds Gold below the customer's points: the next daily run raises them, once.
      await saveProgram({ tiers: [...bronzeSilver, { key: "gold", name: "Gold", threshold: 100, multiplier: 1.5 }] })
      const raised = await reevaluateTiers(container())
      expect(raised.raised).toBeGreaterThanOrEqual(1)
      expect((await balance(customer.id)).tier).toBe("gold")
      await reevaluateTiers(container())
      expect(await changes()).toEqual([[null, "silver"], ["silver", "gold"]])
      // The daily pass has no points email to ride on: the rise gets its own email.
      await eventually(async () => (await mailTo(email)).filter((m) => m.template === "loyalty-tier-reached").length === 1)

      // A year and a day later the order's points have left the 12-month window: down to Bronze,
      // recorded, not emailed; a second run the same day changes nothing.
      const later = new Date(Date.now() + 366 * DAY)
      const dropped = await reevaluateTiers(container(), later)
      expect(dropped.lowered).toBeGreaterThanOrEqual(1)
      await reevaluateTiers(container(), later)
      expect((await balance(customer.id)).tier).toBe("bronze")
      expect(await changes()).toEqual([[null, "silver"], ["silver", "gold"], ["gold", "bronze"]])
      const tierMails = (await mailTo(email)).filter((m) => m.template === "loyalty-tier-reached")
      expect(tierMails).toHaveLength(1)

      // Back up to Gold (the merchant makes Gold the entry tier): a rise again, so welcomed again, once.
      await saveProgram({ tiers: [{ key: "gold", name: "Gold", threshold: 0, multiplier: 1.5 }] })
      await reevaluateTierWorkflow(container()).run({ input: { customer_id: customer.id, now: later } })
      await reevaluateTierWorkflow(container()).run({ input: { customer_id: customer.id, now: later } })
      expect(await changes()).toEqual([[null, "silver"], ["silver", "gold"], ["gold", "bronze"], ["bronze", "gold"]])
      await eventually(async () => (await mailTo(email)).filter((m) => m.template === "loyalty-tier-reached").length === 2)
      await new Promise((r) => setTimeout(r, 300))
      expect((await mailTo(email)).filter((m) => m.template === "loyalty-tier-reached")).toHaveLength(2)
    })

    it("sends no tier email for the entry tier a first order puts a member in, in the language of where their order went", async () => {
      await api.post(
        "/admin/retention/settings/consent",
        { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 },
        { headers: admin.headers }
      )
      await saveProgram({
        tiers: [
          { key: "bronze", name: "Bronze", threshold: 0, multiplier: 1 },
          { key: "silver", name: "Silver", threshold: 1_000_000, multiplier: 1.25 },
        ],
      })
      const email = "entry@loyalty.test"
      // A stored language comes before the (German) address of the order.
      const { customer } = await createCustomer(email, { locale: "tr" })
      await completeCart((await createCart(customer.id)).id)
      await eventually(async () => (await balance(customer.id)).tier === "bronze")
      expect((await loyalty().listLoyaltyTierChanges({ customer_id: customer.id })).map((c) => [c.from_tier, c.to_tier])).toEqual([
        [null, "bronze"],
      ])
      // No tier news in the points email either.
      const earned = await eventually(async () => (await mailTo(email)).find((m) => m.template === "loyalty-points-earned"))
      expect(earned.subject).toMatch(/puan kazandınız$/)
      expect(earned.subject).not.toMatch(/seviyesine/)
      expect((await mailTo(email)).filter((m) => m.template === "loyalty-tier-reached")).toHaveLength(0)
    })

    it("values expiring sign-up points in the store's default currency when the customer has no order", async () => {
      await api.post(
        "/admin/retention/settings/consent",
        { quietHoursEnabled: false, maxMarketingPerDay: 50, maxMarketingPerWeek: 100 },
        { headers: admin.headers }
      )
      await saveProgram({ expiryMonths: 12, expiryReminderDays: 14 })
      const email = "no-order-expiry@loyalty.test"
      const { customer } = await createCustomer(email)
      await eventually(async () => (await balance(customer.id)).available === 25)
      // Two weeks before the sign-up points' first birthday; the demo store's default currency is EUR.
      await settleLoyaltyPoints(container(), new Date(Date.now() + 358 * DAY))
      const reminder = await eventually(async () => (await mailTo(email)).find((m) => m.template === "loyalty-points-expiring"))
      // 25 points at 0.01 each.
      expect(reminder.text).toContain("Worth €0.25 off your next order")
    })

    it("promotes a member without a tier when the merchant lowers a threshold", async () => {
      await saveProgram({ tiers: [{ key: "vip", name: "VIP", threshold: 1_000_000, multiplier: 1 }] })
      const { customer } = await createCustomer("tierless@loyalty.test")
      const order = await completeCart((await createCart(customer.id)).id)
      const [earn] = await eventually(async () => {
        const rows = await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" })
        return rows.length ? rows : undefined
      })
      expect(earn.points).toBeGreaterThan(1)
      expect((await balance(customer.id)).tier).toBeNull()

      // The threshold comes down below the member's points: the daily run finds them although
      // they have no tier yet.
      await saveProgram({ tiers: [{ key: "vip", name: "VIP", threshold: 1, multiplier: 1 }] })
      await reevaluateTiers(container())
      expect((await balance(customer.id)).tier).toBe("vip")
    })

    it("values points per currency at redemption and in the liability, and loads settings saved without it", async () => {
      // Settings stored before the new keys existed still load, with their defaults.
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(
        `update retention_loyalty_program set settings = settings - 'pointValueByCurrency' - 'birthdayBonus' - 'birthdayMetadataKey' where key = 'default'`
      )
      const loaded = await api.get("/admin/retention/loyalty/settings", { headers: admin.headers })
      expect(loaded.data.settings).toMatchObject({ pointValue: 0.01, pointValueByCurrency: {}, birthdayBonus: 0, birthdayMetadataKey: "birthday" })
      // An older client that does not send the field saves fine too.
      const { pointValueByCurrency: _omit, ...withoutKey } = PROGRAM
      expect((await api.post("/admin/retention/loyalty/settings", withoutKey, { headers: admin.headers })).status).toBe(200)
      const badCode = await settle(api.post("/admin/retention/loyalty/settings", { ...PROGRAM, pointValueByCurrency: { EUR: 0.02 } }, { headers: admin.headers }))
      expect(badCode.status).toBe(400)
      expect(badCode.data.message).toMatch(/^pointValueByCurrency: "EUR" must be a lower-case 3-letter currency code/)

      await saveProgram({ pointValueByCurrency: { eur: 0.02, try: 0.3 } })
      const { customer, headers } = await createCustomer("currency@loyalty.test")
      await loyalty().recordEntries(customer.id, [
        { type: "adjust", points: 300, status: "available", reference: "admin", reference_id: "currency-topup", actor: "test" },
      ])
      // 100 points in a euro cart are worth 2.00 now, not 1.00.
      const cart = await createCart(customer.id)
      const redeemed = await api.post("/store/retention/loyalty/redeem", { cart_id: cart.id, points: 100 }, { headers })
      expect(redeemed.status).toBe(201)
      expect(redeemed.data.redemption).toMatchObject({ points: 100, amount: 2, currency_code: "eur" })
      const { data: promos } = await query().graph({
        entity: "promotion",
        fields: ["application_method.value"],
        filters: { code: redeemed.data.redemption.code },
      })
      expect(Number((promos[0] as { application_method: { value: unknown } }).application_method.value)).toBe(2)
      const me = await api.get("/store/retention/loyalty", { headers })
      expect(me.data.loyalty.point_value_by_currency).toEqual({ eur: 0.02, try: 0.3 })

      // The euro-earned points of an order count in the euro liability at the euro value.
      const order = await completeCart(cart.id)
      await eventually(async () => (await loyalty().listLoyaltyEntries({ order_id: order.id, type: "earn" })).length === 1)
      const dashboard = await api.get("/admin/retention/loyalty/dashboard", { headers: admin.headers })
      const liability = dashboard.data.liability as { currency_code: string; points: number; point_value: number; amount: number }[]
      const eur = liability.find((l) => l.currency_code === "eur")
      expect(eur?.points).toBeGreaterThan(0)
      expect(eur).toMatchObject({ point_value: 0.02, amount: Math.round((eur?.points ?? 0) * 0.02 * 100) / 100 })
      const none = liability.find((l) => l.currency_code === "none")
      expect(none).toMatchObject({ point_value: 0.01, amount: Math.round((none?.points ?? 0) * 0.01 * 100) / 100 })
    })
  },
})
