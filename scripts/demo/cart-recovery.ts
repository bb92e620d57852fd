// Demo only: makes the default abandoned-cart campaign fast enough to watch (first email about
// half a minute after a cart goes quiet, the discount step after 3 minutes, the last call after
// 6) and puts the seeded abandoned carts on that clock, so the outbox shows a recovery email
// within a minute or two of `npm run demo`.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import { updateCampaignSchema } from "../../src/modules/cart-recovery/campaign-config"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { trackCartActivityWorkflow } from "../../src/workflows/cart-recovery/track-cart-activity"

export const DEMO_CAMPAIGN_STEPS = [
  { delay_hours: 0.01, subjects: ["You left something in your cart", "{{customerName}}, your coffee is waiting"] },
  {
    delay_hours: 0.05,
    subjects: ["Here is 10% off the cart you left"],
    discount: { type: "percentage" as const, value: 10, expires_in_hours: 72 },
  },
  { delay_hours: 0.1, subjects: ["Last call: your cart at {{storeName}}"] },
]

export async function prepareDemoCartRecovery(container: MedusaContainer): Promise<{ tracked: number }> {
  if (!container.hasRegistration(RETENTION_CART_RECOVERY_MODULE)) return { tracked: 0 }
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  await service.ensureDefaultCampaign()
  const [campaign] = await service.listRecoveryCampaigns({ is_default: true })
  if (!campaign) return { tracked: 0 }
  await service.updateCampaign(
    campaign.id,
    updateCampaignSchema.parse({ steps: DEMO_CAMPAIGN_STEPS, cap_per_address: 3, cap_window_hours: 1, discount_budget: { eur: 200, usd: 200, try: 8000 } })
  )
  await service.updateRecoveryCampaigns({ id: campaign.id, status: "active" })

  // Track the open carts now (the cart events may still be in flight): idempotent per cart.
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({ entity: "cart", fields: ["id"], filters: { completed_at: null } })
  let tracked = 0
  for (const cart of carts) {
    const { result } = await trackCartActivityWorkflow(container).run({ input: { cart_id: cart.id, at: new Date() } })
    if (result.action === "tracked") tracked += 1
  }
  return { tracked }
}
