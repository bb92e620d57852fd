import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordPointsEntryStep } from "./steps/record-points-entry"

export const adjustPointsWorkflowId = "retention-loyalty-adjust-points"

export type AdjustPointsInput = {
  customer_id: string
  points: number
  /** Internal note, admin only. */
  note: string
  /** Optional explanation shown to the customer. */
  reason?: string | null
  actor_id: string
  key: string
}

/** A manual adjustment by an admin: a new ledger entry with the internal note, the customer-facing reason and who made it. */
export const adjustPointsWorkflow = createWorkflow(adjustPointsWorkflowId, (input: AdjustPointsInput) => {
  const entry = transform({ input }, ({ input }) => ({
    customer_id: input.customer_id,
    entry: {
      type: "adjust" as const,
      points: input.points,
      status: "available" as const,
      reference: "admin",
      reference_id: input.key,
      note: input.note,
      reason: input.reason ?? null,
      actor: input.actor_id,
    },
  }))
  return new WorkflowResponse(recordPointsEntryStep(entry))
})
