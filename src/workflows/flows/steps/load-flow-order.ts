import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadFlowOrder } from "../utils/load-order"

export const loadFlowOrderStepId = "load-flow-order"

/** Reads the order the flows react to. Reads only. */
export const loadFlowOrderStep = createStep(loadFlowOrderStepId, async (input: { order_id: string }, { container }) => {
  return new StepResponse(await loadFlowOrder(container, input.order_id))
})
