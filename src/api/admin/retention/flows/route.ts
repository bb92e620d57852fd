import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cartRecoveryFlows, flowsService, flowsWithStats } from "./helpers"

/**
 * The lifecycle flows with their figures: entries by state, sends, opens, clicks, orders credited
 * and revenue per currency. The default flows appear on first use. The cart-recovery campaigns
 * come along as flows of their own kind (`cart_recovery`), with the same headline figures from
 * their own tables; their settings stay on the campaign's page.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await flowsService(req.scope).ensureDefaultFlows()
  res.json({ flows: await flowsWithStats(req.scope, null), cart_recovery: await cartRecoveryFlows(req.scope) })
}
