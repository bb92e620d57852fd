import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SCHEDULER_HEARTBEAT_JOB } from "../../../../jobs/record-scheduler-heartbeat"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"
import { RETENTION_FEATURES } from "../../../../lib/features"
import { schedulerState } from "../../../../lib/scheduler-status"

// When this server process loaded its routes: the scheduler's first beats follow within minutes.
const SERVER_STARTED_AT = new Date()

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const [heartbeat] = await service.listSchedulerHeartbeats({ job_name: SCHEDULER_HEARTBEAT_JOB })
  const lastRunAt = heartbeat ? new Date(heartbeat.last_run_at) : null
  const sections = await service.getAllSections()
  const state = schedulerState({ lastRunAt, startedAt: SERVER_STARTED_AT, now: new Date() })
  res.json({
    scheduler: {
      last_run_at: lastRunAt,
      run_count: heartbeat?.run_count ?? 0,
      healthy: state === "running",
      state,
    },
    settings: sections.map((s) => ({ section: s.section, version: s.version, updated_at: s.updated_at })),
    features: RETENTION_FEATURES,
  })
}
