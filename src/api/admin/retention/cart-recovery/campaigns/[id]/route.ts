import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseInput } from "../../../messages/helpers"
import { cartRecovery, retrieveCampaignOr404, statsFor } from "../../helpers"
import { UpdateCampaignBody } from "../../validators"

/** One campaign with its funnel (tracked → abandoned → emailed → clicked → recovered). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const campaign = await retrieveCampaignOr404(req.scope, req.params.id)
  const [stats] = await statsFor(req.scope, [campaign.id])
  res.json({ campaign, stats })
}

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(UpdateCampaignBody, req.body)
  await retrieveCampaignOr404(req.scope, req.params.id)
  await cartRecovery(req.scope).updateCampaign(req.params.id, body)
  res.json({ campaign: await retrieveCampaignOr404(req.scope, req.params.id) })
}
