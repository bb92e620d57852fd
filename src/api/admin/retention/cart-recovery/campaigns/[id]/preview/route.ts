import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderPreview } from "../../../../../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../../modules/messaging/service"
import { parseInput } from "../../../../messages/helpers"
import { storeBrand } from "../../../../templates/helpers"
import { composeStepEmail } from "../../../compose-step-email"
import { PreviewStepBody } from "../../../validators"

/**
 * Renders a step as a real abandoned cart would receive it (its items, stock and price notes,
 * its subject variant, the merchant's saved template override), in the locale asked for,
 * without sending anything or creating a discount code.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(PreviewStepBody, req.body)
  const email = await composeStepEmail(req.scope, { campaignId: req.params.id, ...body })
  // The merchant's saved override of the template, as the real send renders it.
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const [override] = await messaging.listTemplateOverrides({ template: email.template, locale: body.locale })
  const rendered = renderPreview({
    templateName: email.template,
    locale: body.locale,
    subject: override?.subject ?? undefined,
    mjml: override?.mjml ?? undefined,
    strings: (override?.strings as Record<string, string> | null) ?? undefined,
    brand: await storeBrand(req.scope),
    data: email.data,
  })
  res.json({
    cart_id: email.cart_id,
    locale: body.locale,
    variant: email.variant,
    variants: email.variants,
    campaign_subject: email.campaign_subject,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
  })
}
