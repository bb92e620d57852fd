import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../../modules/cart-recovery"
import type { CampaignStats } from "../../../../modules/cart-recovery/service"
import type CartRecoveryModuleService from "../../../../modules/cart-recovery/service"
import { RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"

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
 * Headline numbers per campaign. Opens come from the message log (SendGrid's open events land
 * there), matched to the campaign's sends by their shared idempotency key.
 */
export async function statsFor(scope: MedusaContainer, campaignIds: string[]): Promise<CampaignStats[]> {
  const service = cartRecovery(scope)
  const stats = await service.campaignStats(campaignIds)
  if (!campaignIds.length) return stats
  const messaging: MessagingModuleService = scope.resolve(RETENTION_MESSAGING_MODULE)
  const opened = await messaging.listMessages(
    { campaign_id: campaignIds, topic: "cart_recovery", opened_at: { $ne: null } },
    { select: ["idempotency_key"] }
  )
  if (!opened.length) return stats
  const sends = await service.listRecoverySends(
    { idempotency_key: opened.map((m) => m.idempotency_key), status: "sent" },
    { select: ["campaign_id", "step", "variant", "opened_at", "clicked_at"] }
  )
  for (const send of sends) {
    // A click already counted as an open in the module's own numbers.
    if (send.opened_at || send.clicked_at) continue
    const stat = stats.find((s) => s.campaign_id === send.campaign_id)
    if (!stat) continue
    stat.opens += 1
    const row = stat.by_step.find((b) => b.step === send.step && b.variant === send.variant)
    if (row) row.opens += 1
  }
  return stats
}
