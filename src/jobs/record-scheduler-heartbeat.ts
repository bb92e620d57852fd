import { MedusaContainer } from "@medusajs/framework/types"
import { runOnce } from "../lib/run-once"
import { recordSchedulerHeartbeatWorkflow } from "../workflows/retention-settings/record-scheduler-heartbeat"

export const SCHEDULER_HEARTBEAT_JOB = "retention-scheduler-heartbeat"

/** Lets the admin overview prove that scheduled jobs run in this deployment. */
export default async function recordSchedulerHeartbeat(container: MedusaContainer) {
  // One run per minute slot: a duplicate trigger in the same minute is the same key.
  const at = new Date(Math.floor(Date.now() / 60_000) * 60_000)
  await runOnce(`${SCHEDULER_HEARTBEAT_JOB}:${at.toISOString()}`, (options) =>
    recordSchedulerHeartbeatWorkflow(container).run({
      input: { job_name: SCHEDULER_HEARTBEAT_JOB, at },
      ...options,
    })
  )
}

export const config = {
  name: SCHEDULER_HEARTBEAT_JOB,
  schedule: "* * * * *",
}
