import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendRetentionEmailsWorkflow } from "../messaging/send-retention-emails"
import { markDetractorAlertSentStep } from "./steps/mark-detractor-alert-sent"
import { prepareDetractorAlertStep } from "./steps/prepare-detractor-alert"

export const SEND_DETRACTOR_ALERT_WORKFLOW = "send-nps-detractor-alert"

/** A confirmed detractor → alert emails to the merchant's configured addresses. */
export const sendDetractorAlertWorkflow = createWorkflow(SEND_DETRACTOR_ALERT_WORKFLOW, (input: { response_id: string }) => {
  const messages = prepareDetractorAlertStep(input)
  const results = when("nps-alert-send", { messages }, ({ messages }) => messages.length > 0).then(() =>
    sendRetentionEmailsWorkflow.runAsStep({ input: { messages } })
  )
  const count = transform({ results }, ({ results }) => (results ?? []).filter((r) => r.status === "sent").length)
  return new WorkflowResponse(markDetractorAlertSentStep({ response_id: input.response_id, count }))
})
