import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../../modules/replenishment/service"

/** Removes a plan: nobody new can subscribe; existing subscriptions keep renewing. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const [plan] = await service.listReplenishmentPlans({ id: req.params.id }, { take: 1 })
  if (!plan) throw new MedusaError(MedusaError.Types.NOT_FOUND, `plan ${req.params.id} not found`)
  await service.softDeleteReplenishmentPlans([plan.id])
  res.json({ id: plan.id, deleted: true })
}
