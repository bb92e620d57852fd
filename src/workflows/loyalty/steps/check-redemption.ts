import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { holdKey, RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { checkRedemption } from "../../../modules/loyalty/program"

export const checkRedemptionStepId = "check-points-redemption"

export type RedemptionPlan = {
  customer_id: string
  cart_id: string
  points: number
  amount: number
  currency_code: string
  code: string
  /** Ledger key of the hold: the cart id, or `<cart id>~<round>` when redeemed again. */
  key: string
  hold_expires_at: Date
  /** An open hold on the cart whose code the customer removed: released before the new one. */
  replaces: { points: number; code: string | null } | null
}

/**
 * The promotion code of a cart's redemption, derived from the cart: `PTS-<cart>` for the first,
 * `PTS-<cart>-<n>` for a redemption made again on the same cart.
 */
export const redemptionCode = (cartId: string, round = 1) =>
  `PTS-${cartId.replace(/^cart_/, "").toUpperCase()}${round > 1 ? `-${round}` : ""}`
export const REDEMPTION_CODE_PREFIX = "PTS-"
/** Whether a points code was made for this cart (any round). */
export const isRedemptionCodeOf = (code: string, cartId: string) => {
  const first = redemptionCode(cartId)
  return code === first || (code.startsWith(`${first}-`) && /^\d+$/.test(code.slice(first.length + 1)))
}

/**
 * Checks a redemption before anything is written: the cart is the customer's and still open,
 * the points respect the minimum, the step and the maximum share of the cart. The balance
 * check here is only for a friendly message; the real guard is the locked hold insert.
 */
export const checkRedemptionStep = createStep(
  checkRedemptionStepId,
  async (input: { customer_id: string; cart_id: string; points: number; now?: Date }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const { data } = await query.graph({
      entity: "cart",
      fields: ["id", "customer_id", "currency_code", "completed_at", "item_subtotal", "discount_subtotal", "promotions.code"],
      filters: { id: input.cart_id },
    })
    const cart = data[0] as
      | {
          id: string
          customer_id: string | null
          currency_code: string
          completed_at: unknown
          item_subtotal: unknown
          discount_subtotal: unknown
          promotions?: ({ code?: string | null } | null)[] | null
        }
      | undefined
    // Someone else's cart reads exactly like a missing one: nothing to learn by probing ids.
    if (!cart || cart.customer_id !== input.customer_id) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart_id: cart ${input.cart_id} was not found`)
    }
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "cart_id: the cart is already completed")
    }
    const settings = await loyalty.getProgram()
    if (!settings.enabled) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The loyalty program is switched off")
    const codes = (cart.promotions ?? []).map((p) => p?.code ?? "")
    // One redemption at a time per cart. Once the customer removed its code from the cart (to
    // redeem a different amount after the cart changed), the old hold is given back and
    // replaced by this one.
    const open = await loyalty.getOpenHold(input.customer_id, cart.id)
    if (open && (!open.code || codes.includes(open.code))) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        "cart_id: points were already redeemed on this cart (remove the points discount to redeem a different amount)"
      )
    }
    const balance = await loyalty.getBalance(input.customer_id)
    // The cart's subtotal after its other discounts: a removed points code no longer discounts it.
    const subtotal = Math.max(0, Number(cart.item_subtotal ?? 0) - Number(cart.discount_subtotal ?? 0))
    const check = checkRedemption(settings, {
      points: input.points,
      available: balance.available + (open?.points ?? 0),
      cartSubtotal: subtotal,
      currency: cart.currency_code,
    })
    if (!check.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, `${check.field}: ${check.message}`)
    const round = (await loyalty.countCartHolds(cart.id)) + 1
    const now = input.now ? new Date(input.now) : new Date()
    return new StepResponse<RedemptionPlan>({
      customer_id: input.customer_id,
      cart_id: cart.id,
      points: input.points,
      amount: check.amount,
      currency_code: cart.currency_code,
      code: redemptionCode(cart.id, round),
      key: holdKey(cart.id, round),
      hold_expires_at: new Date(now.getTime() + settings.holdTtlMinutes * 60_000),
      replaces: open ? { points: open.points, code: open.code } : null,
    })
  }
)
