import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseInput } from "../../../../admin/retention/messages/helpers"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { PlansQuery } from "../../subscriptions/validators"

/** The active subscription plans of one or more products, for the product page's "Subscribe & save". */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = parseInput(PlansQuery, req.query, "query")
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const ids = Array.isArray(q.product_id) ? q.product_id : [q.product_id]
  const plans = await service.listReplenishmentPlans({ product_id: ids, active: true }, { order: { created_at: "ASC" } })
  res.json({
    plans: plans.map((p) => ({
      id: p.id,
      product_id: p.product_id,
      variant_id: p.variant_id ?? null,
      intervals: p.intervals,
      default_interval: p.default_interval,
      discount_percent: p.discount_percent ?? null,
      min_orders: p.min_orders,
    })),
  })
}
