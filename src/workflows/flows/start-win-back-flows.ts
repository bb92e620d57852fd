import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { startWinBackEntriesStep } from "./steps/start-win-back-entries"

export const START_WIN_BACK_FLOWS_WORKFLOW = "start-win-back-flows"

/** Daily: customers past their own ordering rhythm enter the win-back flow, once per lapse. */
export const startWinBackFlowsWorkflow = createWorkflow(START_WIN_BACK_FLOWS_WORKFLOW, (input: { now?: Date }) =>
  new WorkflowResponse(startWinBackEntriesStep(input))
)
