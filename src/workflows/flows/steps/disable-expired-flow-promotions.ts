import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import type FlowsModuleService from "../../../modules/flows/service"

export const disableExpiredFlowPromotionsStepId = "disable-expired-flow-promotions"

/**
 * Medusa promotions have no expiry of their own: a flow code is set inactive once past the
 * expiry its email showed, as the cart-recovery codes are. Repeating it is harmless (only sends
 * not yet marked disabled are read).
 */
export const disableExpiredFlowPromotionsStep = createStep(
  disableExpiredFlowPromotionsStepId,
  async (input: { now: Date }, { container }) => {
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    const now = new Date(input.now)
    const expired = await flows.listFlowSends(
      { promotion_expires_at: { $lte: now }, promotion_disabled_at: null, promotion_id: { $ne: null } },
      { take: 100 }
    )
    if (!expired.length) return new StepResponse({ disabled: 0 })
    const ids = [...new Set(expired.map((s) => s.promotion_id).filter((id): id is string => !!id))]
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: existing } = await query.graph({ entity: "promotion", fields: ["id"], filters: { id: ids } })
    if (existing.length) {
      await updatePromotionsWorkflow(container).run({
        input: { promotionsData: existing.map((p) => ({ id: String(p.id), status: "inactive" as const })) },
      })
    }
    await flows.updateFlowSends(expired.map((s) => ({ id: s.id, promotion_disabled_at: now })))
    return new StepResponse({ disabled: existing.length })
  }
)
