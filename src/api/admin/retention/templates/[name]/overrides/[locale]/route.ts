import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { validateTemplateSource } from "../../../../../../../emails"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../../modules/messaging/service"
import { parseInput } from "../../../../messages/helpers"
import { localeParam, templateParam } from "../../../helpers"
import { SaveOverrideBody } from "./validators"

/**
 * Saves the merchant's subject and/or MJML for one template and locale. The merged result is
 * compiled and rendered with sample data first; anything that would fail a real send is
 * refused with every issue (part + line) and nothing is stored. `{ override: null }` when
 * both parts are back to the default (the override is removed).
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const template = templateParam(req.params.name)
  const locale = localeParam(req.params.locale)
  const body = parseInput(SaveOverrideBody, req.body)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const locking = req.scope.resolve(Modules.LOCKING)

  // The renderer caches compiled templates by override id + version. Two concurrent saves
  // reading the same version would both write version+1 with different content, and a
  // process could keep serving the first one from its cache: saves of one template and
  // locale are serialized so every save gets its own version.
  const outcome = await locking.execute(
    `retention:template-override:${template.name}:${locale}`,
    async () => {
      const [existing] = await messaging.listTemplateOverrides({ template: template.name, locale })
      const subject = (body.subject === undefined ? existing?.subject : body.subject) ?? undefined
      const mjml = (body.mjml === undefined ? existing?.mjml : body.mjml) ?? undefined
      const savedStrings = (existing?.strings as Record<string, string> | null) ?? undefined
      const given = body.strings === undefined ? savedStrings : body.strings ?? undefined
      const strings = given && Object.keys(given).length ? given : undefined
      const check = validateTemplateSource({ templateName: template.name, locale, subject, mjml, strings })
      if (!check.ok) {
        return { ok: false as const, errors: check.errors }
      }
      const actor = req.auth_context?.actor_id ?? null
      if (subject === undefined && mjml === undefined && strings === undefined) {
        // Nothing differs from the default any more: same as a reset.
        if (existing) {
          await messaging.deleteTemplateOverrides(existing.id)
          await messaging.createTemplateOverrideVersions({ template: template.name, locale, version: 0, action: "reset", saved_by: actor })
        }
        return { ok: true as const, override: null }
      }
      const values = { subject: subject ?? null, mjml: mjml ?? null, strings: strings ?? null, updated_by: actor }
      const override = existing
        ? await messaging.updateTemplateOverrides({ id: existing.id, ...values, version: existing.version + 1 })
        : await messaging.createTemplateOverrides({ template: template.name, locale, ...values, version: 1 })
      await messaging.createTemplateOverrideVersions({
        template: template.name,
        locale,
        version: override.version,
        action: "save",
        subject: values.subject,
        mjml: values.mjml,
        strings: values.strings,
        saved_by: actor,
      })
      return { ok: true as const, override }
    },
    { timeout: 10 }
  )

  if (!outcome.ok) {
    const first = outcome.errors[0]
    res.status(400).json({
      type: "invalid_data",
      message: `${first.part}: ${first.message}${first.line ? ` (line ${first.line})` : ""}`,
      errors: outcome.errors,
    })
    return
  }
  res.json({ override: outcome.override })
}

/** Back to the shipped default. Deleting an override that does not exist is not an error. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const template = templateParam(req.params.name)
  const locale = localeParam(req.params.locale)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const locking = req.scope.resolve(Modules.LOCKING)
  const id = await locking.execute(
    `retention:template-override:${template.name}:${locale}`,
    async () => {
      const [existing] = await messaging.listTemplateOverrides({ template: template.name, locale }, { select: ["id"] })
      if (existing) {
        await messaging.deleteTemplateOverrides(existing.id)
        await messaging.createTemplateOverrideVersions({
          template: template.name,
          locale,
          version: 0,
          action: "reset",
          saved_by: req.auth_context?.actor_id ?? null,
        })
      }
      return existing?.id ?? null
    },
    { timeout: 10 }
  )
  res.json({ id, deleted: true, template: template.name, locale })
}
