import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type SyncOrderFactsInput, syncOrderFactsStep } from "./steps/sync-order-facts"

export const syncOrderFactsWorkflowId = "retention-sync-order-facts"

/** The order facts' catch-up: orders whose events were missed, the backfill, the daily full pass. */
export const syncOrderFactsWorkflow = createWorkflow(syncOrderFactsWorkflowId, (input: SyncOrderFactsInput) =>
  new WorkflowResponse(syncOrderFactsStep(input))
)
