import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_LOYALTY_MODULE } from "../../modules/loyalty"
import type { LoyaltyModuleService } from "../../modules/loyalty"
import { REDEMPTION_CODE_PREFIX, redemptionCode } from "../loyalty/steps/check-redemption"

type CartRow = { id: string; customer_id: string | null; promotions?: ({ code?: string | null } | null)[] | null }

/**
 * A cart carrying its points-redemption code may only complete while the points are still on
 * hold for it: after the hold was released (timed out) the discount is no longer paid for.
 */
export async function validateLoyaltyHoldOnCompletion(cart: { id: string }, container: MedusaContainer) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "customer_id", "promotions.code"], filters: { id: cart.id } })
  const c = data[0] as CartRow | undefined
  if (!c) return
  const code = redemptionCode(c.id)
  const codes = (c.promotions ?? []).map((p) => p?.code ?? "")
  // A points code is paid for by the hold on the cart it was made for, and only that one.
  const foreign = codes.find((x) => x.startsWith(REDEMPTION_CODE_PREFIX) && x !== code)
  if (foreign) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The points discount ${foreign} belongs to another cart: remove it to complete the order.`
    )
  }
  if (!codes.includes(code)) return
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const hold = c.customer_id ? await loyalty.getOpenHold(c.customer_id, c.id) : null
  // An expired hold is about to be released by the job: it no longer pays for the discount.
  if (!hold || (hold.expires_at && new Date(hold.expires_at).getTime() <= Date.now())) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "The loyalty points applied to this cart are no longer on hold (the hold expired): remove the points discount to complete the order."
    )
  }
}

// Medusa allows one handler per hook, so this takes completeCartWorkflow's validate hook for the
// plugin (README, "Loyalty points"). The check is exported for reuse.
completeCartWorkflow.hooks.validate(async ({ cart }, { container }) => {
  await validateLoyaltyHoldOnCompletion(cart, container)
})
