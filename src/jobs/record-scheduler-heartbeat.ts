import { MedusaContainer } from "@medusajs/framework/types"
import { recordSchedulerHeartbeatWorkflow } from "../workflows/retention-settings/record-scheduler-heartbeat"

export const SCHEDULER_HEARTBEAT_JOB = "retention-scheduler-heartbeat"

/** Lets the admin overview prove that scheduled jobs run in this deployment. */
export default async function recordSchedulerHeartbeat(container: MedusaContainer) {
  const at = new Date()
  // One run per minute slot: a duplicate trigger in the same minute is the same transaction.
  const slot = at.toISOString().slice(0, 16)
  await recordSchedulerHeartbeatWorkflow(container).run({
    input: { job_name: SCHEDULER_HEARTBEAT_JOB, at },
    context: { transactionId: `${SCHEDULER_HEARTBEAT_JOB}:${slot}` },
  })
}

export const config = {
  name: SCHEDULER_HEARTBEAT_JOB,
  schedule: "* * * * *",
}
