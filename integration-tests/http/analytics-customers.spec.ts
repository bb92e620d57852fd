// The Customers report and RFM segments through the real app, on a small data set with
// hand-computed figures. No demo seed: the database holds only these orders, created with the
// order module (totals as Medusa computes them: one line, no tax or shipping) and dated by
// updating created_at. The store's time zone is Europe/Istanbul (UTC+3 all year).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { RETENTION_SETTINGS_MODULE, type RetentionSettingsModuleService } from "../../src/modules/retention-settings"
import { createAdminAndLogin } from "../helpers/admin"
import { orderFactHelpers } from "../helpers/order-facts"

jest.setTimeout(300_000)

type Pg = { raw: (sql: string, bindings: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }
type ErrorResponse = { response: { status: number; data: { message?: string } } }

// March 2025 in Istanbul: [2025-02-28T21:00Z, 2025-03-31T21:00Z).
const MARCH = "from=2025-03-01&to=2025-03-31"
const at = (iso: string) => new Date(iso)

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: { authorization: string }
    const container = (): MedusaContainer => getContainer()
    const pg = (): Pg => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const { syncFacts } = orderFactHelpers(container)
    const customerIds: Record<string, string> = {}

    const customer = async (key: string) => {
      const [created] = await container()
        .resolve(Modules.CUSTOMER)
        .createCustomers([{ email: `${key.toLowerCase()}@customers.test`, first_name: key, last_name: "Test" }])
      customerIds[key] = created.id
      return created.id
    }

    /** One order of `amount` for `key` in `currency`, placed at `when`. */
    const order = async (key: string, currency: string, amount: number, when: Date) => {
      const [created] = await container()
        .resolve(Modules.ORDER)
        .createOrders([
          {
            currency_code: currency,
            customer_id: customerIds[key] ?? (await customer(key)),
            email: `${key.toLowerCase()}@customers.test`,
            items: [{ title: "Beans", quantity: 1, unit_price: amount }],
          },
        ])
      await pg().raw(`update "order" set created_at = ? where id = ?`, [when.toISOString(), created.id])
      return created.id
    }

    beforeAll(async () => {
      const settings: RetentionSettingsModuleService = container().resolve(RETENTION_SETTINGS_MODULE)
      await settings.saveSection("brand", { timezone: "Europe/Istanbul" }, null)

      // EUR. A: a year-ago order and two in March. B: 01:00 on 1 March and 23:30 on 31 March,
      // Istanbul time (28 Feb and 31 Mar in UTC). C: 10 March, and 00:30 on 1 April Istanbul
      // (still 31 March in UTC; outside the range). D: a year ago only (churned). E: 23:00 on
      // 28 February Istanbul, then 15 March. F: February only. H: a canceled March order.
      await order("A", "eur", 100, at("2024-03-10T12:00:00Z"))
      await order("A", "eur", 50, at("2025-03-05T12:00:00Z"))
      await order("A", "eur", 70, at("2025-03-20T12:00:00Z"))
      await order("B", "eur", 40, at("2025-02-28T22:00:00Z"))
      await order("B", "eur", 60, at("2025-03-31T20:30:00Z"))
      await order("C", "eur", 20, at("2025-03-10T12:00:00Z"))
      await order("C", "eur", 30, at("2025-03-31T21:30:00Z"))
      await order("D", "eur", 80, at("2024-02-15T12:00:00Z"))
      await order("E", "eur", 10, at("2025-02-28T20:00:00Z"))
      await order("E", "eur", 30, at("2025-03-15T12:00:00Z"))
      await order("F", "eur", 25, at("2025-02-10T12:00:00Z"))
      const canceled = await order("H", "eur", 999, at("2025-03-18T12:00:00Z"))
      await pg().raw(`update "order" set status = 'canceled', canceled_at = now() where id = ?`, [canceled])
      // USD: G twice a day apart; A once (a customer in two currencies is two customers' worth
      // of figures, never one sum).
      await order("G", "usd", 1000, at("2025-03-12T12:00:00Z"))
      await order("G", "usd", 500, at("2025-03-13T12:00:00Z"))
      await order("A", "usd", 9, at("2025-03-25T12:00:00Z"))

      // GBP, for RFM: ten customers with distinct revenue (10…100), last orders on distinct days
      // in the order of `recency` (1 = oldest), and 1, 2, 3 or 4 orders (extra orders of 1 each
      // placed earlier).
      const gbp: [string, number, number, number][] = [
        // key, orders, revenue, recency rank
        ["P1", 1, 10, 9],
        ["P2", 1, 20, 10],
        ["P3", 1, 30, 1],
        ["P4", 1, 40, 3],
        ["P5", 1, 50, 5],
        ["P6", 1, 60, 8],
        ["P7", 2, 70, 6],
        ["P8", 2, 80, 4],
        ["P9", 3, 90, 7],
        ["P10", 4, 100, 2],
      ]
      for (const [key, orders, revenue, rank] of gbp) {
        for (let i = 1; i < orders; i++) await order(key, "gbp", 1, at(`2024-05-0${i}T12:00:00Z`))
        await order(key, "gbp", revenue - (orders - 1), at(`2024-06-${String(rank).padStart(2, "0")}T12:00:00Z`))
      }
      // Orders made with the order module and dated by SQL emit no event: the catch-up copies
      // them into the order facts the reports read (RFM's recompute catches up on its own).
      await syncFacts()
    })

    beforeEach(async () => {
      ;({ headers } = await createAdminAndLogin(container(), api))
    })

    const customers = async (query = MARCH) => (await api.get(`/admin/retention/analytics/customers?${query}`, { headers })).data
    const currency = (body: { currencies: { currency_code: string }[] }, code: string) =>
      body.currencies.find((c) => c.currency_code === code) as Record<string, any>

    it("reports repeat rate, order value, orders per customer and time between orders per currency, in the store's days", async () => {
      const body = await customers()
      expect(body.range).toEqual({ from: "2025-02-28T21:00:00.000Z", to: "2025-03-31T21:00:00.000Z" })
      expect(body.time_zone).toBe("Europe/Istanbul")
      // In range: A 50 + 70, B 40 + 60 (both Istanbul March), C 20, E 30. Not C's 1 April, E's
      // 28 February or H's canceled order.
      expect(currency(body, "eur")).toMatchObject({
        customers: 4,
        orders: 6,
        revenue: 270,
        repeat_customers: 2,
        repeat_rate: 0.5,
        average_order_value: 45,
        orders_per_customer: 1.5,
        // Gaps before March orders: A 360 and 15 days, B 30.9375, E 14.67: median (15 + 30.94) / 2.
        median_days_between_orders: 23,
        repeat_orders: 4,
      })
      // USD on its own: G's 1000 + 500 and A's 9; A's EUR orders are not a previous USD order.
      expect(currency(body, "usd")).toMatchObject({
        customers: 2,
        orders: 3,
        revenue: 1509,
        repeat_customers: 1,
        repeat_rate: 0.5,
        average_order_value: 503,
        orders_per_customer: 1.5,
        median_days_between_orders: 1,
        repeat_orders: 1,
      })
    })

    it("gives historical and predicted lifetime value from the store's own churn", async () => {
      const eur = currency(await customers(), "eur")
      // To the range's end: A 220, B 100, C 20, D 80, E 40, F 25 = 485 over 6 customers, 10 orders.
      // Last 12 months: 8 orders, 305, by A, B, C, E and F; of the year before's A and D, D did
      // not come back: churn 1/2, lifespan 2 years. 38.125 × 1.6 × 2 = 122.
      expect(eur.lifetime).toEqual({
        customers: 6,
        revenue: 485,
        historical_clv: 80.83,
        orders_per_customer: 1.6667,
        aov: 38.13,
        frequency: 1.6,
        annual_churn: 0.5,
        lifespan_years: 2,
        predicted_clv: 122,
        customers_12m: 5,
        previous_year_customers: 2,
        churned: 1,
      })
      // No USD customer a year earlier: no churn to measure, no prediction.
      expect(currency(await customers(), "usd").lifetime).toMatchObject({ historical_clv: 754.5, annual_churn: null, predicted_clv: null })
    })

    it("builds monthly cohorts by first order in the store's time zone", async () => {
      const eur = currency(await customers("from=2024-02-01&to=2025-03-31"), "eur")
      const empty = (n: number, filled: Record<number, [number, number]> = {}) =>
        Array.from({ length: n }, (_, i) => ({ offset: i + 1, customers: filled[i + 1]?.[0] ?? 0, share: filled[i + 1]?.[1] ?? 0 }))
      expect(eur.cohorts).toEqual([
        { cohort: "2024-02", customers: 1, months: empty(13) },
        // A came back twelve months later.
        { cohort: "2024-03", customers: 1, months: empty(12, { 12: [1, 1] }) },
        // E (23:00 on 28 February, Istanbul) and F; E ordered again in March.
        { cohort: "2025-02", customers: 2, months: empty(1, { 1: [1, 0.5] }) },
        // B's first order is 28 February in UTC but 1 March in Istanbul; C.
        { cohort: "2025-03", customers: 2, months: [] },
      ])
      // The March range shows the cohorts that began in it.
      expect(currency(await customers(), "eur").cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(["2025-03"])
    })

    it("scores RFM quintiles per currency, names segments, tracks movement and exports a segment", async () => {
      const first = await api.post(`/admin/retention/analytics/segments/recompute`, {}, { headers })
      expect(first.data.run).toMatchObject({ trigger: "manual", scored: 10 + 6 + 2 })

      const scores = async () =>
        Object.fromEntries(
          (
            await pg().raw(
              `select c.first_name, s.r, s.f, s.m, s.segment from retention_rfm_score s join customer c on c.id = s.customer_id
               join retention_rfm_run r on r.id = s.run_id where s.currency_code = 'gbp' order by r.computed_at desc`,
              []
            )
          ).rows
            .reverse()
            .map((row) => [row.first_name, [row.r, row.f, row.m, row.segment]])
        )
      // R by last order (ranks 1–10 → 1,1,2,2,3,3,4,4,5,5), F with six one-order customers
      // tied at 1 (two orders rank 7th → 4), M by revenue 10…100.
      expect(await scores()).toEqual({
        P1: [5, 1, 1, "new"],
        P2: [5, 1, 1, "new"],
        P3: [1, 1, 2, "lost"],
        P4: [2, 1, 2, "hibernating"],
        P5: [3, 1, 3, "promising"],
        P6: [4, 1, 3, "new"],
        P7: [3, 4, 4, "loyal"],
        P8: [2, 4, 4, "at_risk"],
        P9: [4, 5, 5, "champions"],
        P10: [1, 5, 5, "cant_lose"],
      })

      // A second "recompute now" the same day replaces the run instead of becoming the baseline.
      await api.post(`/admin/retention/analytics/segments/recompute`, {}, { headers })
      const [{ n }] = (await pg().raw(`select count(*)::int as n from retention_rfm_run`, [])).rows
      expect(n).toBe(1)

      // The run is two days old; P3 (lost) orders again, the latest of all.
      await pg().raw(`update retention_rfm_run set computed_at = computed_at - interval '2 days'`, [])
      await order("P3", "gbp", 5, at("2024-07-01T12:00:00Z"))
      await api.post(`/admin/retention/analytics/segments/recompute`, {}, { headers })

      const body = (await api.get(`/admin/retention/analytics/segments`, { headers })).data
      expect(body.previous_run).not.toBeNull()
      expect(body.currencies.map((c: { currency_code: string }) => c.currency_code)).toEqual(["eur", "gbp", "usd"])
      const gbp = body.currencies.find((c: { currency_code: string }) => c.currency_code === "gbp")
      const bySegment = Object.fromEntries(gbp.segments.map((s: Record<string, unknown>) => [s.segment, [s.customers, s.revenue, s.previous_customers]]))
      // P3 → promising (2 orders, 35); P4 → lost; P5 → hibernating; P9 → loyal.
      expect(bySegment).toEqual({
        new: [3, 90, 3],
        champions: [0, 0, 1],
        loyal: [2, 160, 1],
        promising: [1, 35, 1],
        cant_lose: [1, 100, 1],
        at_risk: [1, 80, 1],
        hibernating: [1, 50, 1],
        lost: [1, 40, 1],
      })
      expect(gbp.customers).toBe(10)
      expect(gbp.moves).toEqual(
        expect.arrayContaining([
          { from: "lost", to: "promising", customers: 1 },
          { from: "hibernating", to: "lost", customers: 1 },
          { from: "promising", to: "hibernating", customers: 1 },
          { from: "champions", to: "loyal", customers: 1 },
        ])
      )
      expect(gbp.moves).toHaveLength(4)

      const csv = await api.get(`/admin/retention/analytics/segments/new/export?currency_code=GBP`, { headers })
      expect(csv.headers["content-type"]).toContain("text/csv")
      const lines = String(csv.data).trim().split("\r\n")
      expect(lines[0]).toBe("customer_id,email,first_name,last_name,currency_code,segment,r,f,m,orders,revenue,last_order_at")
      expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["p6@customers.test", "p2@customers.test", "p1@customers.test"])
    })

    it("shows each segment's change against the snapshot nearest to a month before, not against a recent one", async () => {
      const segmentsNow = async () => (await api.get(`/admin/retention/analytics/segments`, { headers })).data
      const recompute = () => api.post(`/admin/retention/analytics/segments/recompute`, {}, { headers })
      // A first run (GBP: new 3, champions 1, loyal 1, promising 1, can't lose 1, at risk 1,
      // hibernating 1, lost 1; see above): its snapshot is today's, no month-old baseline yet.
      const first = (await recompute()).data.run
      let body = await segmentsNow()
      expect(body.month_baseline).toBeNull()
      expect(body.currencies[0].segments.every((s: { month_ago_customers: number | null }) => s.month_ago_customers === null)).toBe(true)

      const DAY = 86400_000
      const now = Date.now()
      const daysAgo = (n: number) => new Date(now - n * DAY).toISOString()
      // The first run two days old (so the next is a run of its own), its snapshot 32 days;
      // made-up snapshots 10 days back (too recent for a month's baseline) and 60 days back.
      await pg().raw(`update retention_rfm_run set computed_at = ? where id = ?`, [daysAgo(2), first.id])
      await pg().raw(`update retention_rfm_snapshot set computed_at = ? where run_id = ?`, [daysAgo(32), first.id])
      for (const [run, days, segment, customers] of [["rfmrun_recent", 10, "new", 99], ["rfmrun_old", 60, "lost", 7]] as const) {
        await pg().raw(
          `insert into retention_rfm_snapshot (id, run_id, computed_at, currency_code, segment, customers, revenue, raw_revenue)
           values (?, ?, ?, 'gbp', ?, ?, 0, '{"value": "0", "precision": 20}')`,
          [`rfmsnap_${run}`, run, daysAgo(days), segment, customers]
        )
      }
      await recompute()
      const monthAgo = (b: { currencies: { currency_code: string; segments: { segment: string; month_ago_customers: number | null }[] }[] }) =>
        Object.fromEntries(b.currencies.find((c) => c.currency_code === "gbp")!.segments.map((s) => [s.segment, s.month_ago_customers]))

      body = await segmentsNow()
      expect(body.month_baseline).toEqual({ computed_at: daysAgo(32) })
      expect(monthAgo(body)).toEqual({ new: 3, champions: 1, loyal: 1, promising: 1, cant_lose: 1, at_risk: 1, hibernating: 1, lost: 1 })

      // Moved to 80 days back, the 60-day snapshot is nearer to a month before.
      await pg().raw(`update retention_rfm_snapshot set computed_at = ? where run_id = ?`, [daysAgo(80), first.id])
      body = await segmentsNow()
      expect(body.month_baseline).toEqual({ computed_at: daysAgo(60) })
      expect(monthAgo(body)).toEqual({ new: 0, champions: 0, loyal: 0, promising: 0, cant_lose: 0, at_risk: 0, hibernating: 0, lost: 7 })
    })

    it("refuses invalid dates, inverted and over-long ranges, unknown segments, and anonymous callers", async () => {
      const status = async (path: string) => {
        const res = await api.get(path, { headers }).catch((e: ErrorResponse) => e.response)
        return [res.status, res.data.message]
      }
      const route = "/admin/retention/analytics/customers"
      expect(await status(`${route}?from=2025-02-30`)).toEqual([400, "from: must be a valid date"])
      expect(await status(`${route}?from=2025-03-31&to=2025-03-01`)).toEqual([400, "to: must be after from"])
      expect(await status(`${route}?from=2019-01-01&to=2025-03-01`)).toEqual([400, "to: the range may span at most 5 years"])
      expect(await status(`${route}?days=7`)).toEqual([400, "days: unknown field"])
      expect((await status(`/admin/retention/analytics/segments/vip/export?currency_code=eur`))[0]).toBe(400)
      expect(await status(`/admin/retention/analytics/segments/new/export`)).toEqual([400, "currency_code: is required"])
      const anonymous = await api.get(`${route}?${MARCH}`).catch((e: ErrorResponse) => e.response)
      expect(anonymous.status).toBe(401)
    })
  },
})
