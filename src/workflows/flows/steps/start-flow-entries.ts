import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { FlowKind } from "../../../modules/flows/flow-config"
import { FlowCandidate, startFlowEntries } from "../utils/start-entries"

export const startFlowEntriesStepId = "start-flow-entries"

/**
 * Starts the candidates a trigger found on the kind's first matching active flow. Nothing to
 * undo: an entry is unique per (flow, customer, trigger key), so a retry starts nothing twice.
 */
export const startFlowEntriesStep = createStep(
  startFlowEntriesStepId,
  async (input: { kind: FlowKind; candidates: FlowCandidate[] }, { container }) => {
    const candidates = input.candidates.map((c) => ({ ...c, at: new Date(c.at) }))
    return new StepResponse(await startFlowEntries(container, input.kind, candidates))
  }
)
