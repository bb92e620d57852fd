import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { disableExpiredPromotions, expiredSendFilters, medusaPromotions } from "../../../lib/flow-engine/expired-promotions"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"

export const disableExpiredRecoveryPromotionsStepId = "disable-expired-cart-recovery-promotions"

/**
 * Cart recovery's expired codes switched off by the shared engine (lib/flow-engine/expired-promotions)
 * on this program's send rows (retention_recovery_send).
 */
export const disableExpiredRecoveryPromotionsStep = createStep(
  disableExpiredRecoveryPromotionsStepId,
  async (input: { now: Date }, { container }) => {
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const result = await disableExpiredPromotions({
      now: new Date(input.now),
      sends: {
        listExpired: (now, take) => service.listRecoverySends(expiredSendFilters(now), { take }),
        markDisabled: (ids, now) => service.updateRecoverySends(ids.map((id) => ({ id, promotion_disabled_at: now }))),
      },
      promotions: medusaPromotions(container),
    })
    return new StepResponse(result)
  }
)
