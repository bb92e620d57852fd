import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { deactivatePointsPromotion, discountApplied, pointsForDiscount } from "../points-discount"

export const convertOrderHoldStepId = "convert-order-loyalty-hold"

/**
 * Settles the hold on an order's cart by what the order's points discount was worth: redeemed
 * when the order carries it, in part when Medusa capped it, given back (and the code
 * deactivated) when the customer removed the code before completing. Idempotent by cart.
 */
export async function settleOrderHold(
  container: MedusaContainer,
  input: { customer_id: string; cart_id: string; order_id: string }
): Promise<{ converted: number; released: number }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const hold = await loyalty.getOpenHold(input.customer_id, input.cart_id)
  if (!hold) return { converted: 0, released: 0 }
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "items.adjustments.code", "items.adjustments.amount"],
    filters: { id: input.order_id },
  })
  const applied = data[0] && hold.code ? discountApplied(data[0], hold.code) : 0
  const used = pointsForDiscount(hold, applied)
  // Unused, the single-use code would stay valid: deactivated before the points come back, so
  // it never outlives them.
  if (used === 0 && hold.code) await deactivatePointsPromotion(container, hold.code)
  const { converted, released } = await loyalty.convertHold({ ...input, points_used: used })
  return { converted, released }
}

/** The order's cart had points on hold: they become a redemption as far as the discount was applied. */
export const convertOrderHoldStep = createStep(convertOrderHoldStepId, async (input: { order_id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "customer_id", "cart.id"], filters: { id: input.order_id } })
  const order = data[0] as { customer_id: string | null; cart?: { id: string } | null } | undefined
  if (!order?.customer_id || !order.cart?.id) return new StepResponse({ converted: 0, released: 0 })
  const result = await settleOrderHold(container, { customer_id: order.customer_id, cart_id: order.cart.id, order_id: input.order_id })
  return new StepResponse(result)
})
