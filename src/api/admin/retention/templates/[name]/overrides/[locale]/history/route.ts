import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { adminEmails } from "../../../../../../../../lib/admin-users"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../../../modules/messaging/service"
import { parseInput } from "../../../../../messages/helpers"
import { localeParam, templateParam } from "../../../../helpers"
import { OverrideHistoryQuery } from "../validators"

/**
 * Every save and reset of one template's override in one locale, newest first: the version,
 * when, which admin (saved_by and its email), and the override as it was after that change.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const template = templateParam(req.params.name)
  const locale = localeParam(req.params.locale)
  const query = parseInput(OverrideHistoryQuery, req.query, "query")
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const [versions, count] = await messaging.listAndCountTemplateOverrideVersions(
    { template: template.name, locale },
    { order: { created_at: "DESC" }, take: query.limit, skip: query.offset }
  )
  const emails = await adminEmails(req.scope, versions.map((v) => v.saved_by))
  res.json({
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      action: v.action,
      subject: v.subject,
      mjml: v.mjml,
      strings: v.strings ?? null,
      saved_by: v.saved_by,
      saved_by_email: v.saved_by ? (emails.get(v.saved_by) ?? null) : null,
      created_at: v.created_at,
    })),
    count,
    limit: query.limit,
    offset: query.offset,
  })
}
