import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listTemplates, SUPPORTED_LOCALES } from "../../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"
import { templateSummary } from "./helpers"

/** Every email the plugin sends, with which locales the merchant has edited. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const overrides = await messaging.listTemplateOverrides(
    {},
    { select: ["id", "template", "locale", "version", "updated_at"] }
  )
  const templates = listTemplates().map((template) => ({
    ...templateSummary(template),
    locales: SUPPORTED_LOCALES.map((locale) => {
      const override = overrides.find((o) => o.template === template.name && o.locale === locale)
      return {
        locale,
        overridden: !!override,
        version: override?.version ?? null,
        updated_at: override?.updated_at ?? null,
      }
    }),
  }))
  res.json({ templates })
}
