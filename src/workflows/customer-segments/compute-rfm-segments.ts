import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { computeRfmSegmentsStep } from "./steps/compute-rfm-segments"

export const computeRfmSegmentsWorkflowId = "retention-compute-rfm-segments"

/** RFM scores and segments for every customer, stored as the newest run (nightly or on demand). */
export const computeRfmSegmentsWorkflow = createWorkflow(
  computeRfmSegmentsWorkflowId,
  (input: { now?: Date | string; trigger: "schedule" | "manual" }) => new WorkflowResponse(computeRfmSegmentsStep(input))
)
