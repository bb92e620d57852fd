// What the admin's loyalty pages get back: refusals that say what is wrong in the merchant's
// terms (the balance a customer has, what a record key should be), and the member list (search,
// each sort, the tier filter, pages, refused queries).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { createAdminAndLogin } from "../helpers/admin"
import { TEST_PROGRAM } from "../helpers/loyalty"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { settle } from "../helpers/outbox"

jest.setTimeout(300_000)

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    let headers: { authorization: string }

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
      expect((await api.post("/admin/retention/loyalty/settings", TEST_PROGRAM, { headers })).status).toBe(200)
    })

    it("refuses an adjustment that would overdraw with the balance the customer has, not the one it would leave", async () => {
      const [customer] = await container()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: "overdraw@loyalty.test", has_account: true }])
      const url = `/admin/retention/loyalty/customers/${customer.id}/adjustments`
      expect((await api.post(url, { points: 75, note: "welcome gift" }, { headers })).status).toBe(201)

      const refused = await settle(api.post(url, { points: -500, note: "clawback" }, { headers }))
      expect(refused.status).toBe(400)
      expect(refused.data.message).toBe("points: not enough points (75 available, 0 on hold)")
      const view = await api.get(`/admin/retention/loyalty/customers/${customer.id}`, { headers })
      expect(view.data.loyalty.available).toBe(75)
    })

    it("names the field and says what a record key must be", async () => {
      // What a comma in "try=0,05" made of the rates before the admin read decimal commas.
      const badKey = await settle(
        api.post("/admin/retention/loyalty/settings", { ...TEST_PROGRAM, pointsPerCurrencyUnit: { usd: 1, try: 0, "05": 1 } }, { headers })
      )
      expect(badKey.status).toBe(400)
      expect(badKey.data.message).toBe('pointsPerCurrencyUnit: "05" must be a 3-letter currency code')

      const share = await settle(api.post("/admin/retention/loyalty/settings", { ...TEST_PROGRAM, maxRedeemShare: 5 }, { headers }))
      expect(share.status).toBe(400)
      expect(share.data.message).toBe("maxRedeemShare: must be at most 100%")
    })

    describe("member list", () => {
      type Member = { customer_id: string; email: string; available: number; pending: number; lifetime_earned: number; tier: string | null }
      type MemberList = { members: Member[]; count: number; limit: number; offset: number; tiers: { key: string; name: string }[] }
      const loyalty = (): LoyaltyModuleService => container().resolve(RETENTION_LOYALTY_MODULE)
      let ids: Record<string, string>

      // Five members with distinct figures in every column, so each order below is computed by
      // hand from this table with no ties:
      //            available  pending  lifetime  tier
      //   ada         300        20      320     gold
      //   bob         120       500      620     silver
      //   cem          50         5      905     bronze
      //   dee_x        10         0       10     (none)
      //   eve-x         0        40       40     bronze
      // and a customer without an account, who is never listed.
      beforeEach(async () => {
        // No sign-up bonus: nothing arrives by event while the figures are compared.
        expect((await api.post("/admin/retention/loyalty/settings", { ...TEST_PROGRAM, signupBonus: 0 }, { headers })).status).toBe(200)
        const people: [string, string, string, string][] = [
          ["ada", "ada@members.test", "Ada", "Lovelace"],
          ["bob", "bob@members.test", "Bob", "Stone"],
          ["cem", "cem@members.test", "Cem", "Yılmaz"],
          ["dee", "dee_x@members.test", "Dee", "Ward"],
          ["eve", "eve-x@members.test", "Eve", "Park"],
          ["none", "nomember@members.test", "No", "Member"],
        ]
        const customers = await container()
          .resolve(Modules.CUSTOMER)
          .createCustomers(people.map(([, email, first_name, last_name]) => ({ email, first_name, last_name, has_account: true })))
        ids = Object.fromEntries(people.map(([key, email]) => [key, customers.find((c) => c.email === email)!.id]))
        const adjust = async (key: string, points: number) =>
          expect((await api.post(`/admin/retention/loyalty/customers/${ids[key]}/adjustments`, { points, note: "fixture" }, { headers })).status).toBe(201)
        // Points earned on an order still in its return window (pending until far in the future).
        const pending = (key: string, points: number) =>
          loyalty().recordEntries(ids[key], [
            {
              type: "earn",
              points,
              status: "pending",
              reference: "order",
              reference_id: `order_${key}`,
              order_id: `order_${key}`,
              available_at: new Date(Date.now() + 365 * 86400_000),
            },
          ])
        await adjust("ada", 300)
        await pending("ada", 20)
        await adjust("bob", 120)
        await pending("bob", 500)
        await adjust("cem", 900)
        await adjust("cem", -850)
        await pending("cem", 5)
        await adjust("dee", 10)
        await pending("eve", 40)
        const accounts = await loyalty().listLoyaltyAccounts({ customer_id: Object.values(ids) })
        const tiers: Record<string, string | null> = { ada: "gold", bob: "silver", cem: "bronze", dee: null, eve: "bronze" }
        await loyalty().updateLoyaltyAccounts(
          Object.entries(tiers).map(([key, tier]) => ({ id: accounts.find((a) => a.customer_id === ids[key])!.id, tier }))
        )
      })

      const list = async (query: string) => {
        const res = await api.get(`/admin/retention/loyalty/members${query}`, { headers })
        expect(res.status).toBe(200)
        return res.data as MemberList
      }
      // Without orders, a member's money is in the store's default currency.
      const storeCurrency = async () => {
        const { data } = await container()
          .resolve(ContainerRegistrationKeys.QUERY)
          .graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
        const currencies = (data[0]?.supported_currencies ?? []) as { currency_code: string; is_default: boolean }[]
        return currencies.find((c) => c.is_default)?.currency_code ?? null
      }
      const names = (data: MemberList) => data.members.map((m) => Object.keys(ids).find((k) => ids[k] === m.customer_id))

      it("lists every member with their balances, and nobody without an account", async () => {
        const data = await list("")
        expect(data.count).toBe(5)
        expect(data).toMatchObject({ limit: 20, offset: 0 })
        expect(data.tiers).toEqual([
          { key: "bronze", name: "Bronze" },
          { key: "silver", name: "Silver" },
          { key: "gold", name: "Gold" },
        ])
        const bob = data.members.find((m) => m.customer_id === ids.bob)
        expect(bob).toMatchObject({
          email: "bob@members.test",
          first_name: "Bob",
          last_name: "Stone",
          has_account: true,
          available: 120,
          pending: 500,
          held: 0,
          lifetime_earned: 620,
          tier: "silver",
          tier_name: "Silver",
        })
        // The money value at 0.01 a point, in the store's default currency (no member has ordered).
        const currency = await storeCurrency()
        expect(currency).toBeTruthy()
        expect(bob).toMatchObject({ currency_code: currency, available_value: 1.2 })
        expect(names(data)).not.toContain("none")
      })

      it("sorts by each balance and by tier, both ways", async () => {
        const orders: [string, string[]][] = [
          ["-available", ["ada", "bob", "cem", "dee", "eve"]],
          ["available", ["eve", "dee", "cem", "bob", "ada"]],
          ["-pending", ["bob", "eve", "ada", "cem", "dee"]],
          ["pending", ["dee", "cem", "ada", "eve", "bob"]],
          ["-lifetime_earned", ["cem", "bob", "ada", "eve", "dee"]],
          ["lifetime_earned", ["dee", "eve", "ada", "bob", "cem"]],
          // Gold, Silver, Bronze (cem before eve by lifetime points), then no tier.
          ["-tier", ["ada", "bob", "cem", "eve", "dee"]],
          ["tier", ["dee", "eve", "cem", "bob", "ada"]],
        ]
        for (const [order, expected] of orders) {
          expect({ order, members: names(await list(`?order=${order}`)) }).toEqual({ order, members: expected })
        }
        // Most available first when no order is given.
        expect(names(await list(""))).toEqual(["ada", "bob", "cem", "dee", "eve"])
      })

      it("searches email, first, last and whole name, case-insensitively, and the text as typed", async () => {
        expect(names(await list("?q=ADA"))).toEqual(["ada"])
        expect(names(await list("?q=lovelace"))).toEqual(["ada"])
        expect(names(await list(`?q=${encodeURIComponent("Ada Love")}`))).toEqual(["ada"])
        expect(names(await list(`?q=${encodeURIComponent("yılmaz")}`))).toEqual(["cem"])
        // "_" is a character, not LIKE's any-character: "eve-x" does not match "e_x".
        expect(names(await list("?q=e_x"))).toEqual(["dee"])
        expect(names(await list("?q=%25"))).toEqual([])
        expect(names(await list(`?q=${ids.bob}`))).toEqual(["bob"])
        const all = await list("?q=members.test&order=lifetime_earned")
        expect({ count: all.count, members: names(all) }).toEqual({ count: 5, members: ["dee", "eve", "ada", "bob", "cem"] })
        expect(await list("?q=nomember")).toMatchObject({ count: 0, members: [] })
      })

      it("filters by tier, or members without one", async () => {
        const bronze = await list("?tier=bronze")
        expect({ count: bronze.count, members: names(bronze) }).toEqual({ count: 2, members: ["cem", "eve"] })
        expect(names(await list("?tier=none"))).toEqual(["dee"])
        expect(names(await list("?tier=gold&q=bob"))).toEqual([])
      })

      it("pages with the total count", async () => {
        const pages = await Promise.all([0, 2, 4, 10].map((offset) => list(`?order=-available&limit=2&offset=${offset}`)))
        expect(pages.map((p) => ({ count: p.count, members: names(p) }))).toEqual([
          { count: 5, members: ["ada", "bob"] },
          { count: 5, members: ["cem", "dee"] },
          { count: 5, members: ["eve"] },
          { count: 5, members: [] },
        ])
      })

      it("refuses a bad query with a 400 naming the field", async () => {
        const cases: [string, string][] = [
          ["?order=balance", "order: "],
          ["?order=-name", "order: "],
          ["?limit=0", "limit: "],
          ["?limit=201", "limit: "],
          ["?limit=ten", "limit: "],
          ["?offset=-1", "offset: "],
          ["?tier=Gold%21", "tier: "],
          [`?q=${"x".repeat(201)}`, "q: "],
          ["?q[a]=1", "q: "],
          ["?sort=available", "sort: unknown field"],
        ]
        for (const [query, field] of cases) {
          const res = await settle(api.get(`/admin/retention/loyalty/members${query}`, { headers }))
          expect({ query, status: res.status, named: String(res.data?.message).startsWith(field) }).toEqual({ query, status: 400, named: true })
        }
      })

      it("is for admins only", async () => {
        const anonymous = await settle(api.get("/admin/retention/loyalty/members"))
        expect(anonymous.status).toBe(401)
        const { token } = (await api.post("/auth/customer/emailpass/register", { email: "shopper@members.test", password: "s3cret-Passw0rd" })).data
        const asCustomer = await settle(api.get("/admin/retention/loyalty/members", { headers: { authorization: `Bearer ${token}` } }))
        expect(asCustomer.status).toBe(401)
      })

      it("gives the member page the money value of the available points", async () => {
        const view = await api.get(`/admin/retention/loyalty/customers/${ids.ada}`, { headers })
        expect(view.data.loyalty).toMatchObject({ available: 300, pending: 20, held: 0, lifetime_earned: 320 })
        expect(view.data.value).toEqual({ currency_code: await storeCurrency(), amount: 3 })
        expect(view.data.count).toBe(2)
      })
    })
  },
})
