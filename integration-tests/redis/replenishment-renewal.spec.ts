// Subscriptions on the production setup: order.placed arrives through the Redis event bus (at
// least once), renewals lock through the Redis locking provider and run on the Redis workflow
// engine. Two ticks and a direct renewal at the same moment still make one order per period,
// and a redelivered order.placed makes no second subscription.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedDemoStore } from "../../scripts/demo/seed"
import { renewDueSubscriptions } from "../../src/jobs/renew-due-subscriptions"
import { RETENTION_REPLENISHMENT_MODULE } from "../../src/modules/replenishment"
import type ReplenishmentModuleService from "../../src/modules/replenishment/service"
import { renewSubscription } from "../../src/workflows/replenishment/renew-subscription"
import { createAdminAndLogin, eventually } from "../helpers/admin"
import { cartRecoveryHelpers } from "../helpers/cart-recovery"
import { createShopper } from "../helpers/customers"

jest.setTimeout(300_000)

if (!process.env.REDIS_URL) {
  throw new Error("the redis lane needs REDIS_URL (scripts/test.js skips this lane without it)")
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()
    const { store, createEuroCart, completeCart } = cartRecoveryHelpers(container)
    const service = (): ReplenishmentModuleService => container().resolve(RETENTION_REPLENISHMENT_MODULE)

    beforeAll(async () => {
      await seedDemoStore(container(), { log: () => undefined })
    })

    it("renews once per period under racing ticks on Redis locking, and a redelivered order.placed subscribes once", async () => {
      const admin = await createAdminAndLogin(container(), api)
      const s = await store()
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [variant] } = await query.graph({ entity: "product_variant", fields: ["id", "product_id"], filters: { sku: "ETH-YIRG-250" } })
      const plan = await api.post(
        "/admin/retention/replenishment/plans",
        { product_id: variant.product_id, intervals: ["2w", "4w"], default_interval: "4w", discount_percent: 10 },
        { headers: admin.headers }
      )
      expect(plan.status).toBe(200)

      const { customer, token } = await createShopper(container(), api, "rae@redis.test")
      const cart = await createEuroCart({ customer_id: customer.id, email: customer.email, items: [] })
      const added = await api.post(
        "/store/retention/replenishment/cart-items",
        { cart_id: cart.id, variant_id: variant.id, quantity: 1, interval: "2w" },
        { headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": s.publishableKey } }
      )
      expect(added.status).toBe(200)
      const origin = await completeCart(cart.id)
      const [sub] = await eventually(async () => {
        const rows = await service().listSubscriptions({ origin_order_id: origin.id })
        return rows.length ? rows : null
      })
      // Redis delivers at least once: the same order.placed twice more.
      const eventBus = container().resolve(Modules.EVENT_BUS)
      await eventBus.emit([
        { name: "order.placed", data: { id: origin.id } },
        { name: "order.placed", data: { id: origin.id } },
      ])

      const due = new Date(Date.now() - 60_000)
      await service().updateSubscriptions({ id: sub.id, period_at: due, next_run_at: due })
      await Promise.all([
        renewDueSubscriptions(container()),
        renewDueSubscriptions(container()),
        renewSubscription(container(), { subscription_id: sub.id }),
        renewSubscription(container(), { subscription_id: sub.id }),
      ])
      // Whoever lost the race waited and found the period ordered, or was told another tick
      // holds the lease or the subscription's lock.
      const runs = await eventually(async () => {
        const rows = await service().listSubscriptionRuns({ subscription_id: sub.id })
        return rows.length === 1 && rows[0].status === "ordered" ? rows : null
      })
      const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { customer_id: customer.id } })
      expect(orders.map((o: { id: string }) => o.id).sort()).toEqual([origin.id, runs[0].order_id].sort())
      // The renewal's own order.placed (through Redis) made no subscription, and the
      // redelivered origin event none either.
      await new Promise((r) => setTimeout(r, 2000))
      expect(await service().listSubscriptions({ customer_id: customer.id })).toHaveLength(1)
      expect((await service().retrieveSubscription(sub.id)).renewal_count).toBe(1)
    })
  },
})
