import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadNpsPointsAwardStep } from "./steps/load-nps-points-award"
import { recordNpsResponsePointsStep } from "./steps/record-nps-response-points"

export const AWARD_NPS_RESPONSE_POINTS_WORKFLOW = "award-nps-response-points"

/**
 * A confirmed NPS answer → loyalty points for the customer, once per survey. The NPS module
 * and the loyalty module never call each other: this workflow reads one and writes the other.
 */
export const awardNpsResponsePointsWorkflow = createWorkflow(AWARD_NPS_RESPONSE_POINTS_WORKFLOW, (input: { survey_id: string }) => {
  const award = loadNpsPointsAwardStep(input)
  return new WorkflowResponse(recordNpsResponsePointsStep(award))
})
