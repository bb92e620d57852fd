// The order facts in tests: the reports read orders from retention_order_fact, and tests that
// place orders and then date them by SQL (no event for that) bring the facts up to date with
// the catch-up's full pass before reading a report: deterministic, no waiting.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { syncOrderFacts } from "../../src/lib/analytics/order-facts"
import type { SqlConnection } from "../../src/lib/analytics/overview"
import { RETENTION_SEGMENTS_MODULE, type CustomerSegmentsModuleService } from "../../src/modules/customer-segments"

export function orderFactHelpers(container: () => MedusaContainer) {
  const pg = () => container().resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const segments = (): CustomerSegmentsModuleService => container().resolve(RETENTION_SEGMENTS_MODULE)
  return {
    segments,
    /** Every order's fact as the order is now (the catch-up's full pass, to the end). */
    syncFacts: () => syncOrderFacts({ pg: pg(), segments: segments() }, { now: new Date(), full: true }),
    /** The order's fact row, or undefined. */
    fact: async (orderId: string) => (await pg().raw(`select * from retention_order_fact where order_id = ?`, [orderId])).rows[0],
  }
}
