import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { awardBirthdayBonusesStep } from "./steps/award-birthday-bonuses"

export const awardBirthdayBonusesWorkflowId = "retention-loyalty-award-birthday-bonuses"

/** The daily birthday pass: one bonus per registered customer per year (no email yet). */
export const awardBirthdayBonusesWorkflow = createWorkflow(awardBirthdayBonusesWorkflowId, (input: { now?: Date }) =>
  new WorkflowResponse(awardBirthdayBonusesStep(input))
)
