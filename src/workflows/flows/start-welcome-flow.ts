import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { findWelcomeCandidateStep } from "./steps/find-welcome-candidate"
import { startFlowEntriesStep } from "./steps/start-flow-entries"

export const START_WELCOME_FLOW_WORKFLOW = "start-welcome-flow"

/** `customer.created`: start the welcome series for an account (or a consenting guest). */
export const startWelcomeFlowWorkflow = createWorkflow(
  { name: START_WELCOME_FLOW_WORKFLOW, idempotent: true },
  (input: { customer_id: string }) => {
    const found = findWelcomeCandidateStep(input)
    const started = startFlowEntriesStep(transform({ found }, ({ found }) => ({ kind: "welcome" as const, candidates: found.candidates })))
    return new WorkflowResponse(started)
  }
)
