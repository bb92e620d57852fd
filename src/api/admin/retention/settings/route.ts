import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"

/** Every settings section with its effective values (stored over plugin-option defaults). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const sections = await service.getAllSections()
  res.json({ sections })
}
