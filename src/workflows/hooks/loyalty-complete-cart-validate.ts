import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_LOYALTY_MODULE } from "../../modules/loyalty"
import type { LoyaltyModuleService } from "../../modules/loyalty"
import { holdMismatch, discountApplied } from "../loyalty/points-discount"
import { isRedemptionCodeOf, REDEMPTION_CODE_PREFIX } from "../loyalty/steps/check-redemption"

type CartRow = {
  id: string
  customer_id: string | null
  item_subtotal: unknown
  discount_subtotal: unknown
  promotions?: ({ code?: string | null } | null)[] | null
  items?: ({ adjustments?: ({ code?: string | null; amount?: unknown } | null)[] | null } | null)[] | null
}

/**
 * A cart carrying its points-redemption code may only complete while the points are still on
 * hold for it (after the hold was released the discount is no longer paid for), and while the
 * discount still fits the redemption rules: a cart whose items were lowered after the maximum
 * was redeemed would otherwise be paid (almost) entirely in points, and Medusa's cap on a fixed
 * discount would burn more points than the discount is worth. Such a cart is refused; the
 * customer removes the points code and redeems again for the cart as it is now.
 */
export async function validateLoyaltyHoldOnCompletion(cart: { id: string }, container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "item_subtotal", "discount_subtotal", "promotions.code", "items.adjustments.code", "items.adjustments.amount"],
    filters: { id: cart.id },
  })
  const c = data[0] as CartRow | undefined
  if (!c) return
  const codes = (c.promotions ?? []).map((p) => p?.code ?? "").filter((x) => x.startsWith(REDEMPTION_CODE_PREFIX))
  // A points code is paid for by the hold on the cart it was made for, and only that one.
  const foreign = codes.find((x) => !isRedemptionCodeOf(x, c.id))
  if (foreign) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The points discount ${foreign} belongs to another cart: remove it to complete the order.`
    )
  }
  if (!codes.length) return
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const hold = c.customer_id ? await loyalty.getOpenHold(c.customer_id, c.id) : null
  // An expired hold is about to be released by the job: it no longer pays for the discount.
  // A code of an earlier redemption on this cart was paid for by a hold that is gone too.
  const stale = codes.find((x) => x !== hold?.code)
  if (!hold || stale || (hold.expires_at && new Date(hold.expires_at).getTime() <= Date.now())) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The loyalty points applied to this cart are no longer on hold (the hold expired): remove the points discount to complete the order."
    )
  }
  const settings = await loyalty.getProgram()
  const mismatch = holdMismatch(hold, c, discountApplied(c, hold.code ?? ""), settings.maxRedeemShare)
  if (mismatch) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The points discount ${hold.code} no longer fits this cart (${mismatch}): remove it and redeem points again.`
    )
  }
}

// Medusa allows one handler per hook, so this takes completeCartWorkflow's validate hook for the
// plugin (README, "Loyalty points"). The check is exported for reuse.
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  await validateLoyaltyHoldOnCompletion(cart, container)
})
