import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_SETTINGS_MODULE, SectionName, SectionState } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"

export const saveRetentionSettingsStepId = "save-retention-settings"

export type SaveRetentionSettingsStepInput = {
  section: SectionName
  values: Record<string, unknown>
  actor_id: string | null
}

/** Validates and saves one settings section; compensation puts the previous values back. */
export const saveRetentionSettingsStep = createStep(
  saveRetentionSettingsStepId,
  async (input: SaveRetentionSettingsStepInput, { container }) => {
    const service: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const result = await service.saveSection(input.section, input.values, input.actor_id)
    return new StepResponse(result, result.previous)
  },
  async (previous: SectionState | undefined, { container }) => {
    if (!previous) {
      return
    }
    const service: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    await service.restoreSection(previous)
  }
)
