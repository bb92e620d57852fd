import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordSchedulerHeartbeatStep } from "./steps/record-scheduler-heartbeat"

export const recordSchedulerHeartbeatWorkflow = createWorkflow(
  // Concurrent triggers of one minute slot share a transaction id (see runOnce); a late
  // duplicate is absorbed by the heartbeat's own (job, slot) guard in the database.
  { name: "record-scheduler-heartbeat", idempotent: true },
  (input: { job_name: string; at: Date }) => {
    recordSchedulerHeartbeatStep(input)
    return new WorkflowResponse(input)
  }
)
