import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { cartRecovery, retrieveCampaignOr404 } from "../../../helpers"

/** Sets the campaign active; due carts go out on the next tick. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retrieveCampaignOr404(req.scope, req.params.id)
  await cartRecovery(req.scope).updateRecoveryCampaigns({ id: req.params.id, status: "active" })
  res.json({ campaign: await retrieveCampaignOr404(req.scope, req.params.id) })
}
