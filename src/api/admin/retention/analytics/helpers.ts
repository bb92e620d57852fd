import type { MedusaContainer } from "@medusajs/framework/types"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type { RetentionSettingsModuleService } from "../../../../modules/retention-settings"

/** The store's time zone (Settings → Brand), in which the analytics read calendar days. */
export async function storeTimeZone(scope: MedusaContainer): Promise<string> {
  const settings: RetentionSettingsModuleService = scope.resolve(RETENTION_SETTINGS_MODULE)
  return (await settings.getSection("brand")).values.timezone || "UTC"
}
