import { model } from "@medusajs/framework/utils"

// Proof that the plugin's scheduled jobs run in this deployment: jobs only load when
// `workerMode` is `shared` or `worker`, and a store that forgets that would silently send no
// cart reminders. The admin overview warns when the heartbeat is stale.
export const SchedulerHeartbeat = model.define("retention_scheduler_heartbeat", {
  id: model.id({ prefix: "rshb" }).primaryKey(),
  job_name: model.text().unique(),
  last_run_at: model.dateTime(),
  run_count: model.number().default(0),
})
