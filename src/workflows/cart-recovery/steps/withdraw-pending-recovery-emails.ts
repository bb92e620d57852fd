import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"

export const withdrawPendingRecoveryEmailsStepId = "withdraw-pending-recovery-emails"

/**
 * The carts' sequences have ended (ordered, gone, expired): a reminder still waiting for quiet
 * hours to end or for the provider to come back would never be picked up again, so it is marked
 * suppressed ("sequence_ended") instead of showing as waiting in Messages forever. Keys are
 * `cart-recovery:<cart_id>:<step>`. Nothing to undo: the sequence stays ended.
 */
export const withdrawPendingRecoveryEmailsStep = createStep(
  withdrawPendingRecoveryEmailsStepId,
  async (input: { cart_ids: string[] }, { container }) => {
    const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
    const prefixes = [...new Set(input.cart_ids)].map((id) => `cart-recovery:${id}:`)
    const withdrawn = await messaging.withdrawPendingMessages(prefixes, "sequence_ended")
    return new StepResponse({ withdrawn })
  }
)
