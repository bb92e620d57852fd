import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"

export const disableExpiredRecoveryPromotionsStepId = "disable-expired-cart-recovery-promotions"

/**
 * Medusa promotions have no expiry of their own, so a recovery code's expiry is enforced here:
 * once past it, the promotion is set inactive through Medusa's workflow. Repeating it is
 * harmless (only rows not yet disabled are read).
 */
export const disableExpiredRecoveryPromotionsStep = createStep(
  disableExpiredRecoveryPromotionsStepId,
  async (input: { now: Date }, { container }) => {
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const now = new Date(input.now)
    const expired = await service.listRecoverySends(
      { promotion_expires_at: { $lte: now }, promotion_disabled_at: null, promotion_id: { $ne: null } },
      { take: 100 }
    )
    if (!expired.length) return new StepResponse({ disabled: 0 })
    const ids = [...new Set(expired.map((s) => s.promotion_id).filter((id): id is string => !!id))]
    // A code the merchant deleted meanwhile needs nothing more.
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: existing } = await query.graph({ entity: "promotion", fields: ["id"], filters: { id: ids } })
    if (existing.length) {
      await updatePromotionsWorkflow(container).run({
        input: { promotionsData: existing.map((p) => ({ id: String(p.id), status: "inactive" as const })) },
      })
    }
    await service.updateRecoverySends(expired.map((s) => ({ id: s.id, promotion_disabled_at: now })))
    return new StepResponse({ disabled: existing.length })
  }
)
