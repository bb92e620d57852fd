import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"

export const recordSchedulerHeartbeatStepId = "record-scheduler-heartbeat"

/** Upserts the job's heartbeat row. Nothing to compensate: a heartbeat is a fact, not a change. */
export const recordSchedulerHeartbeatStep = createStep(
  recordSchedulerHeartbeatStepId,
  async (input: { job_name: string; at: Date }, { container }) => {
    const service: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    await service.recordHeartbeat(input.job_name, new Date(input.at))
    return new StepResponse(undefined)
  }
)
