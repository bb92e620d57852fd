import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../../modules/cart-recovery"
import type { CampaignStats } from "../../../../modules/cart-recovery/service"
import type CartRecoveryModuleService from "../../../../modules/cart-recovery/service"

export const CAMPAIGN_FIELDS = [
  "id",
  "name",
  "status",
  "steps",
  "filters",
  "holdout_percent",
  "attribution_window_days",
  "cap_per_address",
  "cap_window_hours",
  "on_activity",
  "max_attempts",
  "on_step_failure",
  "discount_budget",
  "quiet_hours",
  "is_default",
  "priority",
  "created_at",
  "updated_at",
] as const

export function cartRecovery(scope: MedusaContainer): CartRecoveryModuleService {
  return scope.resolve(RETENTION_CART_RECOVERY_MODULE)
}

export async function retrieveCampaignOr404(scope: MedusaContainer, id: string) {
  const [campaign] = await cartRecovery(scope).listRecoveryCampaigns({ id }, { select: [...CAMPAIGN_FIELDS] })
  if (!campaign) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `campaign ${id} was not found`)
  }
  return campaign
}

/**
 * Headline numbers per campaign. Opens come from the message log too (SendGrid's open events
 * land there), matched to the campaign's sends by their shared idempotency key in one bounded
 * aggregate (see opensFromMessageLog).
 */
export async function statsFor(scope: MedusaContainer, campaignIds: string[]): Promise<CampaignStats[]> {
  const service = cartRecovery(scope)
  const stats = await service.campaignStats(campaignIds)
  if (!campaignIds.length) return stats
  for (const extra of await service.opensFromMessageLog(campaignIds)) {
    const stat = stats.find((s) => s.campaign_id === extra.campaign_id)
    if (!stat) continue
    stat.opens += extra.opens
    const row = stat.by_step.find((b) => b.step === extra.step && b.variant === extra.variant)
    if (row) row.opens += extra.opens
  }
  for (const stat of stats) stat.held_back = []
  for (const { campaign_id, ...held } of await service.heldBack(campaignIds)) {
    stats.find((s) => s.campaign_id === campaign_id)?.held_back?.push(held)
  }
  return stats
}
