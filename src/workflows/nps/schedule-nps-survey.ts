import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ScheduleNpsSurveyInput, scheduleNpsSurveyStep } from "./steps/schedule-nps-survey"

export const SCHEDULE_NPS_SURVEY_WORKFLOW = "schedule-nps-survey"

/** A delivered fulfillment → the order's one survey, due at delivery + the configured delay. */
export const scheduleNpsSurveyWorkflow = createWorkflow(SCHEDULE_NPS_SURVEY_WORKFLOW, (input: ScheduleNpsSurveyInput) => {
  return new WorkflowResponse(scheduleNpsSurveyStep(input))
})
