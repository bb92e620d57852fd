import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { adminEmails } from "../../../../../../lib/admin-users"
import { RETENTION_SETTINGS_MODULE } from "../../../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../../../modules/retention-settings/service"
import { parseInput } from "../../../messages/helpers"
import { sectionParam } from "../helpers"

const HistoryQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict()

/**
 * The audit trail of one section, newest first: version, when (created_at), which admin
 * (changed_by and its email), and each field's value before and after.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const section = sectionParam(req.params.section)
  const query = parseInput(HistoryQuery, req.query, "query")
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const [changes, count] = await service.listAndCountRetentionSettingsChanges(
    { section },
    { order: { version: "DESC" }, take: query.limit, skip: query.offset }
  )
  const emails = await adminEmails(req.scope, changes.map((c) => c.changed_by))
  res.json({
    changes: changes.map((c) => ({ ...c, changed_by_email: c.changed_by ? (emails.get(c.changed_by) ?? null) : null })),
    count,
    limit: query.limit,
    offset: query.offset,
  })
}
