import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveRetentionSettingsStep, SaveRetentionSettingsStepInput } from "./steps/save-retention-settings"

export const RETENTION_SETTINGS_UPDATED = "retention.settings_updated"

export type RetentionSettingsUpdatedPayload = {
  section: string
  version: number
  changed_by: string | null
  changes: Record<string, { from: unknown; to: unknown }>
}

/** Saves a settings section and announces the change (the event is held until success). */
export const updateRetentionSettingsWorkflow = createWorkflow(
  "update-retention-settings",
  (input: SaveRetentionSettingsStepInput) => {
    const result = saveRetentionSettingsStep(input)

    const payload = transform({ result, input }, ({ result, input }): RetentionSettingsUpdatedPayload => ({
      section: input.section,
      version: result.current.version,
      changed_by: input.actor_id,
      changes: result.changes,
    }))

    when({ result }, ({ result }) => Object.keys(result.changes).length > 0).then(() => {
      emitEventStep({ eventName: RETENTION_SETTINGS_UPDATED, data: payload })
    })

    return new WorkflowResponse(result)
  }
)
