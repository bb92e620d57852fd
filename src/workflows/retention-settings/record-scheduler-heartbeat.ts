import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordSchedulerHeartbeatStep } from "./steps/record-scheduler-heartbeat"

export const recordSchedulerHeartbeatWorkflow = createWorkflow(
  // Idempotent: the job runs it with one transaction id per minute slot, so a duplicate
  // trigger of the same slot is not counted twice.
  { name: "record-scheduler-heartbeat", idempotent: true },
  (input: { job_name: string; at: Date }) => {
    recordSchedulerHeartbeatStep(input)
    return new WorkflowResponse(input)
  }
)
