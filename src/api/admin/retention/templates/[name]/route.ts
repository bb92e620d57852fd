import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../modules/messaging/service"
import { parseInput } from "../../messages/helpers"
import { templateParam, templateSummary } from "../helpers"
import { GetTemplateQuery } from "./validators"

/** One template in one locale: the shipped source, the merchant's override and the sample data. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const template = templateParam(req.params.name)
  const { locale } = parseInput(GetTemplateQuery, req.query, "query")
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const [override] = await messaging.listTemplateOverrides({ template: template.name, locale })
  res.json({
    template: templateSummary(template),
    locale,
    default: { subject: template.subject[locale], mjml: template.mjml },
    override: override
      ? { subject: override.subject, mjml: override.mjml, strings: override.strings ?? null, version: override.version, updated_at: override.updated_at }
      : null,
    // The `{{t.key}}` strings available in this locale, for the editor's reference.
    strings: template.strings[locale],
    sample_data: template.sampleData,
  })
}
