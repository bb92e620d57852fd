import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import { updateCartPromotionsWorkflow, updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import type { OpenHold } from "../../modules/loyalty"

// Money is compared to the cent: amounts are stored rounded, sums of adjustments may not be.
const CENT = 0.005

type Adjusted = { items?: ({ adjustments?: ({ code?: string | null; amount?: unknown } | null)[] | null } | null)[] | null }

/**
 * What a points code actually took off a cart or an order: the sum of its line adjustments.
 * The points promotion applies to the order's items ("across"), and like every promotion it
 * is not tax-inclusive, so this is in the same basis as `item_subtotal` and `discount_subtotal`.
 */
export function discountApplied(row: Adjusted, code: string): number {
  let sum = 0
  for (const item of row.items ?? []) {
    for (const adj of item?.adjustments ?? []) {
      if (adj?.code === code) sum += Number(adj.amount ?? 0)
    }
  }
  return sum
}

/**
 * How many of a hold's points the discount applied pays for: all of them when the whole
 * discount was applied, that share (rounded down) when Medusa capped it (the cart shrank below
 * its value), none when the code was not applied at all.
 */
export function pointsForDiscount(hold: Pick<OpenHold, "points" | "amount">, applied: number): number {
  if (!(applied > CENT)) return 0
  if (!hold.amount || applied >= hold.amount - CENT) return hold.points
  return Math.min(hold.points, Math.floor((hold.points * applied) / hold.amount + 1e-9))
}

/**
 * A hold matches its cart while the whole discount applies (Medusa caps a fixed discount at
 * what the cart is worth) and stays within the maximum share of the cart's subtotal after its
 * other discounts. Returns why not, or null.
 */
export function holdMismatch(
  hold: Pick<OpenHold, "amount">,
  cart: { item_subtotal: unknown; discount_subtotal: unknown },
  applied: number,
  maxShare: number
): string | null {
  if (hold.amount === null) return null
  if (applied < hold.amount - CENT) return "the cart is now worth less than the points discount"
  const others = Math.max(0, Number(cart.discount_subtotal ?? 0) - applied)
  const base = Math.max(0, Number(cart.item_subtotal ?? 0) - others)
  if (hold.amount > base * maxShare + CENT) {
    return `points may pay for at most ${Math.round(maxShare * 100)}% of the cart`
  }
  return null
}

/** Deactivates a points promotion by code, so it can no longer be used (no-op if missing or inactive). */
export async function deactivatePointsPromotion(container: MedusaContainer, code: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "promotion", fields: ["id", "status"], filters: { code } })
  const promo = data[0] as { id: string; status: string } | undefined
  if (promo && promo.status !== "inactive") {
    await updatePromotionsWorkflow(container).run({ input: { promotionsData: [{ id: promo.id, status: "inactive" }] } })
  }
  return promo?.id ?? null
}

/**
 * Takes a points code off an open cart, so the cart stops showing a discount its completion
 * would refuse. Returns false when it could not (cart completed or locked meanwhile): the
 * completion check still refuses that cart, and the code is inactive, so nothing is lost.
 */
export async function removePointsCodeFromCart(container: MedusaContainer, cartId: string, code: string): Promise<boolean> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at", "promotions.code"], filters: { id: cartId } })
  const cart = data[0] as { completed_at?: unknown; promotions?: ({ code?: string | null } | null)[] | null } | undefined
  if (!cart || cart.completed_at || !(cart.promotions ?? []).some((p) => p?.code === code)) return true
  try {
    await updateCartPromotionsWorkflow(container).run({ input: { cart_id: cartId, promo_codes: [code], action: PromotionActions.REMOVE } })
    return true
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`loyalty: could not remove ${code} from cart ${cartId}: ${e instanceof Error ? e.message : String(e)}`)
    return false
  }
}
