import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { cartRecovery, retrieveCampaignOr404 } from "../../../helpers"

/** A draft copy of the campaign ("<name> (copy)"), last in priority, to edit before activating. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const copy = await cartRecovery(req.scope).duplicateCampaign(req.params.id)
  if (!copy) throw new MedusaError(MedusaError.Types.NOT_FOUND, `campaign ${req.params.id} was not found`)
  res.status(201).json({ campaign: await retrieveCampaignOr404(req.scope, copy.id) })
}
