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

/**
 * Archives the campaign: it stops at once (carts in its sequence get no further step; a cart's
 * next activity joins another matching campaign), leaves the list, and its sends, recoveries and
 * revenue stay in the figures. Soft delete: nothing is erased.
 */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await retrieveCampaignOr404(req.scope, req.params.id)
  await cartRecovery(req.scope).softDeleteRecoveryCampaigns([req.params.id])
  res.json({ id: req.params.id, object: "campaign", deleted: true })
}
