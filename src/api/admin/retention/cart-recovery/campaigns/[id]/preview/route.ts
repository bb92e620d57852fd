import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { renderPreview } from "../../../../../../../emails"
import { parseSteps } from "../../../../../../../modules/cart-recovery/campaign-config"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../../modules/messaging/service"
import { composeRecoveryEmail } from "../../../../../../../workflows/cart-recovery/utils/compose-recovery-email"
import { loadLiveCart } from "../../../../../../../workflows/cart-recovery/utils/load-live-cart"
import { parseInput } from "../../../../messages/helpers"
import { storeBrand } from "../../../../templates/helpers"
import { cartRecovery, retrieveCampaignOr404 } from "../../../helpers"
import { PreviewStepBody } from "../../../validators"

/**
 * Renders a step as a real abandoned cart would receive it (its items, stock and price notes,
 * its subject variant, the merchant's saved template override), without sending anything or
 * creating a discount code.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(PreviewStepBody, req.body)
  const campaign = await retrieveCampaignOr404(req.scope, req.params.id)
  const step = body.draft ?? parseSteps(campaign.steps)[body.step - 1]
  if (!step) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `step: the campaign has no step ${body.step}`)
  }
  const service = cartRecovery(req.scope)
  const [tracked] = await service.listTrackedCarts(body.cart_id ? { cart_id: body.cart_id } : {}, {
    order: { last_activity_at: "DESC" },
    take: 1,
  })
  const cart = tracked ? await loadLiveCart(req.scope, tracked.cart_id) : null
  if (!cart || !cart.items.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart_id: no tracked cart with items to preview${body.cart_id ? ` (${body.cart_id})` : ""}`)
  }
  const email = await composeRecoveryEmail(req.scope, { cart, stepIndex: body.step - 1, step, now: new Date(), locale: body.locale })
  const data = step.discount
    ? {
        ...email.data,
        discount: {
          code: "PREVIEW-CODE",
          ...(step.discount.type === "percentage" ? { percent: step.discount.value } : { amount: step.discount.value }),
          expiresAt: new Date(Date.now() + step.discount.expires_in_hours * 3600_000).toISOString(),
        },
      }
    : email.data
  // The merchant's saved override of the template, as the real send renders it.
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const [override] = await messaging.listTemplateOverrides({ template: step.template, locale: body.locale })
  const rendered = renderPreview({
    templateName: step.template,
    locale: body.locale,
    subject: override?.subject ?? undefined,
    mjml: override?.mjml ?? undefined,
    strings: (override?.strings as Record<string, string> | null) ?? undefined,
    brand: await storeBrand(req.scope),
    data,
  })
  res.json({ cart_id: cart.id, variant: email.variant, subject: rendered.subject, html: rendered.html, text: rendered.text })
}
