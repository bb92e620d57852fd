import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { Locale } from "../../../../emails/locales"
import { type CampaignStep, discountForCurrency, parseSteps } from "../../../../modules/cart-recovery/campaign-config"
import { composeRecoveryEmail } from "../../../../workflows/cart-recovery/utils/compose-recovery-email"
import { loadLiveCart } from "../../../../workflows/cart-recovery/utils/load-live-cart"
import { cartRecovery, retrieveCampaignOr404 } from "./helpers"

// What a preview or test send shows in place of the single-use code a real send creates.
export const PREVIEW_DISCOUNT_CODE = "PREVIEW-CODE"

export type StepEmail = {
  template: string
  cart_id: string
  // The subject variant this cart gets for the step (0-based) and how many there are.
  variant: number
  variants: number
  // False when the step's subject lines are not used: none, or a locale other than the store's
  // own language (the template's translated subject is sent then).
  campaign_subject: boolean
  data: Record<string, unknown>
}

/**
 * One step of a campaign (its saved version, or the editor's unsaved draft of it) composed for a
 * real tracked cart as the scheduler would compose it: the cart's items, the subject variant the
 * cart gets, the locale asked for, and the step's discount shown as PREVIEW-CODE when the cart's
 * currency would get one. Nothing is sent, recorded or created: the preview renders the result,
 * the send test hands it to the send workflow as a test message.
 */
export async function composeStepEmail(
  scope: MedusaContainer,
  input: { campaignId: string; step: number; draft?: CampaignStep; cart_id?: string; locale: Locale }
): Promise<StepEmail> {
  const campaign = await retrieveCampaignOr404(scope, input.campaignId)
  const step = input.draft ?? parseSteps(campaign.steps)[input.step - 1]
  if (!step) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `step: the campaign has no step ${input.step}`)
  }
  const [tracked] = await cartRecovery(scope).listTrackedCarts(input.cart_id ? { cart_id: input.cart_id } : {}, {
    order: { last_activity_at: "DESC" },
    take: 1,
  })
  const cart = tracked ? await loadLiveCart(scope, tracked.cart_id) : null
  if (!cart || !cart.items.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `cart_id: no tracked cart with items to preview${input.cart_id ? ` (${input.cart_id})` : ""}`
    )
  }
  const now = new Date()
  const email = await composeRecoveryEmail(scope, { cart, stepIndex: input.step - 1, step, now, locale: input.locale })
  // A fixed amount in another currency gives this cart no code in a real send: none here either.
  const discount = discountForCurrency(step.discount, cart.currency_code)
  const data = discount
    ? {
        ...email.data,
        discount: {
          code: PREVIEW_DISCOUNT_CODE,
          ...(discount.type === "percentage" ? { percent: discount.value } : { amount: discount.value }),
          expiresAt: new Date(now.getTime() + discount.expires_in_hours * 3600_000).toISOString(),
        },
      }
    : email.data
  return { template: step.template, cart_id: cart.id, variant: email.variant, variants: Math.max(1, step.subjects.length), campaign_subject: email.subject !== null, data }
}
