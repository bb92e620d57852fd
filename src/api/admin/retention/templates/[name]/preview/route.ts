import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { renderPreview, TemplateRenderError, validateTemplateSource } from "../../../../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../modules/messaging/service"
import { parseInput } from "../../../messages/helpers"
import { storeBrand, templateParam } from "../../helpers"
import { previewData } from "../../preview-data"
import { PreviewTemplateBody } from "./validators"

/**
 * Renders the template with its sample data (or a real customer's, cart's or order's values laid
 * over it) and the store's own brand, from the editor's
 * draft where given, else from the saved override, else from the shipped default. A draft that
 * does not compile gets a 400 with every issue (part + line) for inline display.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const template = templateParam(req.params.name)
  const body = parseInput(PreviewTemplateBody, req.body)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const [saved] = await messaging.listTemplateOverrides({ template: template.name, locale: body.locale })
  const source = {
    templateName: template.name,
    locale: body.locale,
    subject: body.subject ?? saved?.subject ?? undefined,
    mjml: body.mjml ?? saved?.mjml ?? undefined,
    strings: body.strings ?? (saved?.strings as Record<string, string> | null) ?? undefined,
  }
  const data = await previewData(req.scope, template, body.source)
  try {
    const rendered = renderPreview({ ...source, data, brand: await storeBrand(req.scope) })
    // What Save would still refuse although it renders (e.g. a variable the data lacks).
    const check = validateTemplateSource(source)
    res.json({
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      issues: check.ok ? [] : check.errors,
    })
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) {
      throw error
    }
    res.status(400).json({ type: "invalid_data", message: error.message, errors: error.issues })
  }
}
