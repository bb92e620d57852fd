import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SCHEDULER_HEARTBEAT_JOB } from "../../../../jobs/record-scheduler-heartbeat"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"
import { RETENTION_FEATURES } from "../../../../lib/features"

// The heartbeat job runs every minute; allow a few missed beats before warning.
const STALE_AFTER_MS = 5 * 60 * 1000

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const [heartbeat] = await service.listSchedulerHeartbeats({ job_name: SCHEDULER_HEARTBEAT_JOB })
  const lastRunAt = heartbeat ? new Date(heartbeat.last_run_at) : null
  const sections = await service.getAllSections()
  res.json({
    scheduler: {
      last_run_at: lastRunAt,
      run_count: heartbeat?.run_count ?? 0,
      healthy: !!lastRunAt && Date.now() - lastRunAt.getTime() < STALE_AFTER_MS,
    },
    settings: sections.map((s) => ({ section: s.section, version: s.version, updated_at: s.updated_at })),
    features: RETENTION_FEATURES,
  })
}
