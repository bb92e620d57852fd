// The order facts (retention_order_fact) through the real app: the subscriber and the catch-up
// copy each order's state exactly, a repeat changes nothing, a missed event is caught up, a
// cancel, an edited total and a deleted order reach the row, and the Overview reads them.
// Orders are made with the order module, which emits no event: every event here is delivered
// by hand, so each case controls exactly what arrived.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { syncOrderFacts } from "../../src/lib/analytics/order-facts"
import type { SqlConnection } from "../../src/lib/analytics/overview"
import recordOrderFact from "../../src/subscribers/order-changed-record-order-fact"
import { createAdminAndLogin } from "../helpers/admin"
import { orderFactHelpers } from "../helpers/order-facts"

jest.setTimeout(300_000)

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const pg = (): SqlConnection => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const { segments, fact } = orderFactHelpers(container)
    const catchUp = () => syncOrderFacts({ pg: pg(), segments: segments() }, { now: new Date() })

    const createOrder = async (amount: number, currency = "eur") => {
      const [order] = await container()
        .resolve(Modules.ORDER)
        .createOrders([{ currency_code: currency, customer_id: "cus_facts", email: "facts@example.com", items: [{ title: "Beans", quantity: 1, unit_price: amount }] }])
      return order.id as string
    }
    const deliver = (name: string, data: Record<string, unknown>) =>
      recordOrderFact({ event: { name, data }, container: container() } as Parameters<typeof recordOrderFact>[0])
    const facts = async () => (await pg().raw(`select count(*)::int as n from retention_order_fact`, [])).rows[0].n
    // The fact against the order it copies, compared in SQL (microseconds and every digit).
    const matches = async (orderId: string) =>
      (
        await pg().raw(
          `select f.placed_at = o.created_at as same_date, f.total = (s.totals->'raw_current_order_total'->>'value')::numeric as same_total,
             f.status = o.status::text as same_status, f.currency_code = o.currency_code as same_currency, f.customer_id, f.order_version
           from retention_order_fact f join "order" o on o.id = f.order_id
           join order_summary s on s.order_id = o.id and s.version = o.version where f.order_id = ?`,
          [orderId]
        )
      ).rows[0]

    it("writes one exact row per order however often the event arrives, and catches up what no event announced", async () => {
      // The first catch-up is the backfill: a store that had orders before the plugin.
      const before = await createOrder(10)
      const first = await catchUp()
      expect(first).toMatchObject({ recent: 0, full_pass: "done" })
      expect(await fact(before)).toBeTruthy()
      expect(await matches(before)).toEqual({ same_date: true, same_total: true, same_status: true, same_currency: true, customer_id: "cus_facts", order_version: 1 })

      // order.placed twice: one row, the second delivery writes nothing.
      const placed = await createOrder(25)
      await deliver("order.placed", { id: placed })
      const row = await fact(placed)
      await deliver("order.placed", { id: placed })
      expect(await fact(placed)).toEqual(row)
      expect(await facts()).toBe(2)
      // The catch-up after it finds nothing to do.
      expect(await catchUp()).toMatchObject({ recent: 0, removed: 0 })

      // An order whose event was lost: the next catch-up (its recent pass) writes it; a second
      // catch-up writes nothing.
      const missed = await createOrder(40, "usd")
      expect(await fact(missed)).toBeUndefined()
      expect(await catchUp()).toMatchObject({ recent: 1 })
      expect(await matches(missed)).toMatchObject({ same_date: true, same_total: true, same_currency: true })
      expect(await catchUp()).toMatchObject({ recent: 0 })
      expect(await facts()).toBe(3)
    })

    it("follows a cancel, an edited total and a deletion, and the Overview counts by the facts", async () => {
      const { headers } = await createAdminAndLogin(container(), api)
      const day = new Date(Date.UTC(2025, 4, 14, 12)).toISOString()
      const a = await createOrder(30)
      const b = await createOrder(50)
      const c = await createOrder(70)
      await pg().raw(`update "order" set created_at = ? where id = any(?)`, [day, `{${[a, b, c].join(",")}}`])
      await catchUp()
      const overview = async () =>
        (await api.get(`/admin/retention/analytics/overview?from=2025-05-14&to=2025-05-14`, { headers })).data.current.revenue
      expect(await overview()).toEqual([expect.objectContaining({ currency_code: "eur", store_orders: 3, store_revenue: 150 })])

      // Canceled: its event updates the row and the order stops counting.
      await container().resolve(Modules.ORDER).cancel(a)
      await deliver("order.canceled", { id: a })
      expect(await fact(a)).toMatchObject({ status: "canceled" })
      expect(await overview()).toEqual([expect.objectContaining({ store_orders: 2, store_revenue: 120 })])

      // An edit's new total (as a confirmed edit leaves it: a new summary of a new version).
      await pg().raw(
        `insert into order_summary (id, order_id, version, totals, created_at, updated_at)
         select 'ordsum_facts_edit', order_id, 2, jsonb_set(jsonb_set(totals, '{raw_current_order_total}', '{"value": "55.5", "precision": 20}'),
           '{current_order_total}', '55.5'), now(), now()
         from order_summary where order_id = ? and version = 1`,
        [b]
      )
      await pg().raw(`update "order" set version = 2 where id = ?`, [b])
      await deliver("order-edit.confirmed", { order_id: b })
      expect(await matches(b)).toMatchObject({ same_total: true, order_version: 2 })
      expect(await overview()).toEqual([expect.objectContaining({ store_orders: 2, store_revenue: 125.5 })])

      // Deleted without an event the plugin hears: the daily full pass removes its row.
      await container().resolve(Modules.ORDER).softDeleteOrders([c])
      await syncOrderFacts({ pg: pg(), segments: segments() }, { now: new Date(), full: true })
      expect(await fact(c)).toBeUndefined()
      expect(await overview()).toEqual([expect.objectContaining({ store_orders: 1, store_revenue: 55.5 })])
      // And a full pass over facts that are all current writes nothing.
      expect(await syncOrderFacts({ pg: pg(), segments: segments() }, { now: new Date(), full: true })).toMatchObject({ full: 0, removed: 0 })
    })
  },
})
