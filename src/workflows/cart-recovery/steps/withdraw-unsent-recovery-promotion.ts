import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import type { SendEmailResult } from "../../messaging/types"
import type { RecoveryPromotion } from "./ensure-recovery-promotion"

export const withdrawUnsentRecoveryPromotionStepId = "withdraw-unsent-cart-recovery-promotion"

// The email carrying the code did not go out in this run. "in_progress" (another worker may be
// sending it right now) and "unknown" (it may have gone) keep the code: a customer holding an
// email whose code was switched off is worse than a code nobody received.
const NOT_SENT = new Set(["suppressed", "deferred", "retrying", "failed", "queued"])

/**
 * A step's one-off code is made before its email is sent, since the email shows it. When the
 * send policy or the provider then keeps the email back (unsubscribed, frequency cap, quiet
 * hours, an outage), the code would stay active without anyone having received it: switch it
 * off in the same run. A later try that sends the step turns it back on
 * (ensure-cart-recovery-promotion). Idempotent: an inactive code stays inactive.
 */
export const withdrawUnsentRecoveryPromotionStep = createStep(
  withdrawUnsentRecoveryPromotionStepId,
  async (input: { promotion?: RecoveryPromotion | null; results?: SendEmailResult[] | null }, { container }) => {
    const status = input.results?.[0]?.status
    if (!input.promotion || !status || !NOT_SENT.has(status)) {
      return new StepResponse({ withdrawn: false })
    }
    await updatePromotionsWorkflow(container).run({
      input: { promotionsData: [{ id: input.promotion.promotion_id, status: "inactive" }] },
    })
    return new StepResponse({ withdrawn: true })
  }
)
