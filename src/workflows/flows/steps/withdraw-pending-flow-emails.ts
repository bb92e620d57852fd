import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"

export const withdrawPendingFlowEmailsStepId = "withdraw-pending-flow-emails"

/**
 * An entry ended (exit rule, opted out, order canceled): an email of it still waiting for quiet
 * hours or a provider retry would never be driven again, so it is marked suppressed
 * ("sequence_ended") rather than left waiting. Prefixes are `flow:<flow_id>:<subject_id>:`.
 */
export const withdrawPendingFlowEmailsStep = createStep(
  withdrawPendingFlowEmailsStepId,
  async (input: { prefixes: string[] }, { container }) => {
    if (!input.prefixes.length) return new StepResponse({ withdrawn: 0 })
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    return new StepResponse({ withdrawn: await messaging.withdrawPendingMessages([...new Set(input.prefixes)], "sequence_ended") })
  }
)
