import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_LOYALTY_MODULE } from "../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../modules/loyalty"
import { customerId, loyaltySummary } from "./helpers"

/** The customer's own balances (available, pending, on hold), tier and progress. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  res.json({ loyalty: await loyaltySummary(loyalty, customerId(req)) })
}
