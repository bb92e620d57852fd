import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"

export const convertOrderHoldStepId = "convert-order-loyalty-hold"

/** The order's cart had points on hold: they become a redemption (idempotent by cart). */
export const convertOrderHoldStep = createStep(convertOrderHoldStepId, async (input: { order_id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const { data } = await query.graph({ entity: "order", fields: ["id", "customer_id", "cart.id"], filters: { id: input.order_id } })
  const order = data[0] as { customer_id: string | null; cart?: { id: string } | null } | undefined
  if (!order?.customer_id || !order.cart?.id) return new StepResponse({ converted: 0 })
  const { converted } = await loyalty.convertHold({ customer_id: order.customer_id, cart_id: order.cart.id, order_id: input.order_id })
  return new StepResponse({ converted })
})
