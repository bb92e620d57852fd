import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { subscriptionDetail } from "../../../../utils/subscriptions"

/** One subscription with its runs (and their orders) and its change history. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const [sub] = await service.listSubscriptions({ id: req.params.id }, { take: 1 })
  if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `subscription ${req.params.id} not found`)
  res.json(await subscriptionDetail(req.scope, sub, { events: true }))
}
