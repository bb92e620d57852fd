import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cartRecovery, retrieveCampaignOr404 } from "../../../helpers"

/** Sets the campaign paused; the scheduler only claims carts of active campaigns, so sends stop at once. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retrieveCampaignOr404(req.scope, req.params.id)
  await cartRecovery(req.scope).updateRecoveryCampaigns({ id: req.params.id, status: "paused" })
  res.json({ campaign: await retrieveCampaignOr404(req.scope, req.params.id) })
}
