import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { parseInput } from "../../messages/helpers"
import { PlanBody, PlansQuery } from "./validators"

const view = (p: Record<string, any>) => ({
  id: p.id,
  product_id: p.product_id,
  variant_id: p.variant_id ?? null,
  intervals: p.intervals,
  default_interval: p.default_interval,
  discount_percent: p.discount_percent ?? null,
  min_orders: p.min_orders,
  active: p.active,
})

/** Subscription plans, all or one product's. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = parseInput(PlansQuery, req.query, "query")
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const plans = await service.listReplenishmentPlans(q.product_id ? { product_id: q.product_id } : {}, { order: { created_at: "ASC" }, take: 500 })
  res.json({ plans: plans.map(view) })
}

/** Creates or replaces the plan of a product (or one of its variants). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(PlanBody, req.body)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product", fields: ["id", "variants.id"], filters: { id: body.product_id } })
  const product = data[0] as { id: string; variants?: { id: string }[] } | undefined
  if (!product) throw new MedusaError(MedusaError.Types.INVALID_DATA, `product_id: ${body.product_id} does not exist`)
  if (body.variant_id && !(product.variants ?? []).some((v) => v.id === body.variant_id)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `variant_id: ${body.variant_id} is not a variant of this product`)
  }
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const plan = await service.upsertPlan({
    product_id: body.product_id,
    variant_id: body.variant_id ?? null,
    intervals: body.intervals,
    default_interval: body.default_interval,
    discount_percent: body.discount_percent ?? null,
    min_orders: body.min_orders,
    active: body.active,
  })
  res.json({ plan: view(plan) })
}
