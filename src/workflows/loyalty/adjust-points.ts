import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordPointsEntryStep } from "./steps/record-points-entry"

export const adjustPointsWorkflowId = "retention-loyalty-adjust-points"

export type AdjustPointsInput = { customer_id: string; points: number; reason: string; actor_id: string; key: string }

/** A manual adjustment by an admin: a new ledger entry with the reason and who made it. */
export const adjustPointsWorkflow = createWorkflow(adjustPointsWorkflowId, (input: AdjustPointsInput) => {
  const entry = transform({ input }, ({ input }) => ({
    customer_id: input.customer_id,
    entry: {
      type: "adjust" as const,
      points: input.points,
      status: "available" as const,
      reference: "admin",
      reference_id: input.key,
      note: input.reason,
      actor: input.actor_id,
    },
  }))
  return new WorkflowResponse(recordPointsEntryStep(entry))
})
