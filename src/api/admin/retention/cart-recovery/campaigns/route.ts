import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseInput } from "../../messages/helpers"
import { CAMPAIGN_FIELDS, cartRecovery, statsFor } from "../helpers"
import { CreateCampaignBody } from "../validators"

/** Campaigns with their headline numbers. The plugin's default campaign appears on first use. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = cartRecovery(req.scope)
  await service.ensureDefaultCampaign()
  const campaigns = await service.listRecoveryCampaigns({}, { select: [...CAMPAIGN_FIELDS], order: { priority: "ASC", created_at: "ASC" } })
  const stats = await statsFor(req.scope, campaigns.map((c) => c.id))
  res.json({ campaigns: campaigns.map((c) => ({ ...c, stats: stats.find((s) => s.campaign_id === c.id) })) })
}

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(CreateCampaignBody, req.body)
  const campaign = await cartRecovery(req.scope).createCampaign(body)
  res.status(201).json({ campaign })
}
