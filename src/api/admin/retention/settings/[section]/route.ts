import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_SETTINGS_MODULE } from "../../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../../modules/retention-settings/service"
import { updateRetentionSettingsWorkflow } from "../../../../../workflows/retention-settings/update-retention-settings"
import { sectionParam } from "./helpers"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const section = sectionParam(req.params.section)
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  res.json({ settings: await service.getSection(section), defaults: service.getDefaults(section) })
}

/** Partial update of one section. Invalid fields get a 400 naming them; nothing is saved. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const section = sectionParam(req.params.section)
  const body = req.body
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "body: must be a JSON object of settings")
  }
  const { result } = await updateRetentionSettingsWorkflow(req.scope).run({
    input: {
      section,
      values: body as Record<string, unknown>,
      actor_id: req.auth_context?.actor_id ?? null,
    },
  })
  res.json({ settings: result.current, changes: result.changes })
}
