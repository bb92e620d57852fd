import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_SETTINGS_MODULE } from "../../../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../../../modules/retention-settings/service"
import { sectionParam } from "../helpers"

/** The audit trail of one section, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const section = sectionParam(req.params.section)
  const limit = Math.min(Math.max(Number(req.query.limit ?? 20) || 20, 1), 100)
  const offset = Math.max(Number(req.query.offset ?? 0) || 0, 0)
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const [changes, count] = await service.listAndCountRetentionSettingsChanges(
    { section },
    { order: { version: "DESC" }, take: limit, skip: offset }
  )
  res.json({ changes, count, limit, offset })
}
