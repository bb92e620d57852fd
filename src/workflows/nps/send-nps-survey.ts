import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendRetentionEmailsWorkflow } from "../messaging/send-retention-emails"
import { prepareNpsSurveyEmailStep } from "./steps/prepare-nps-survey-email"
import { recordNpsSendOutcomeStep } from "./steps/record-nps-send-outcome"

export const SEND_NPS_SURVEY_WORKFLOW = "send-nps-survey"

/** One due survey → the messaging workflow (`nps:<order_id>`) → its outcome on the survey. */
export const sendNpsSurveyWorkflow = createWorkflow(SEND_NPS_SURVEY_WORKFLOW, (input: { survey_id: string; now: Date }) => {
  const prepared = prepareNpsSurveyEmailStep(input)
  const messages = transform({ prepared }, ({ prepared }) => (prepared.message ? [prepared.message] : []))
  const results = when("nps-survey-send", { messages }, ({ messages }) => messages.length > 0).then(() =>
    sendRetentionEmailsWorkflow.runAsStep({ input: { messages } })
  )
  const outcome = recordNpsSendOutcomeStep({ survey_id: input.survey_id, results, now: input.now })
  return new WorkflowResponse(outcome)
})
