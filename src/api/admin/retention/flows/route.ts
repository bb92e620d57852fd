import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { flowsService, flowsWithStats } from "./helpers"

/**
 * The lifecycle flows with their figures: entries by state, sends, opens, clicks, orders credited
 * and revenue per currency. The default flows appear on first use.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await flowsService(req.scope).ensureDefaultFlows()
  res.json({ flows: await flowsWithStats(req.scope, null) })
}
