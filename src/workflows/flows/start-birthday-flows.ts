import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { startBirthdayEntriesStep } from "./steps/start-birthday-entries"

export const START_BIRTHDAY_FLOWS_WORKFLOW = "start-birthday-flows"

/** Daily: today's birthdays (store time zone) enter the birthday flow, once a year each. */
export const startBirthdayFlowsWorkflow = createWorkflow(START_BIRTHDAY_FLOWS_WORKFLOW, (input: { now?: Date }) =>
  new WorkflowResponse(startBirthdayEntriesStep(input))
)
