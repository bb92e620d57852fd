import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { disableExpiredPromotions, expiredSendFilters, medusaPromotions } from "../../../lib/flow-engine/expired-promotions"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import type FlowsModuleService from "../../../modules/flows/service"

export const disableExpiredFlowPromotionsStepId = "disable-expired-flow-promotions"

/**
 * The flows' expired codes switched off by the shared engine (lib/flow-engine/expired-promotions)
 * on this program's send rows (retention_flow_send), as the cart-recovery codes are.
 */
export const disableExpiredFlowPromotionsStep = createStep(
  disableExpiredFlowPromotionsStepId,
  async (input: { now: Date }, { container }) => {
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    const result = await disableExpiredPromotions({
      now: new Date(input.now),
      sends: {
        listExpired: (now, take) => flows.listFlowSends(expiredSendFilters(now), { take }),
        markDisabled: (ids, now) => flows.updateFlowSends(ids.map((id) => ({ id, promotion_disabled_at: now }))),
      },
      promotions: medusaPromotions(container),
    })
    return new StepResponse(result)
  }
)
