import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"

/**
 * The Subscriptions page's figures: counts by status, monthly recurring revenue per currency
 * (every interval normalised to a month), 30-day churn, renewals due in the next 7 days.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  res.json(await service.stats({ now: new Date() }))
}
