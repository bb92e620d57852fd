import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendRetentionEmailsWorkflow } from "../messaging/send-retention-emails"
import type { SendEmailInput } from "../messaging/types"
import { ensureRecoveryPromotionStep } from "./steps/ensure-recovery-promotion"
import { planRecoveryStepStep } from "./steps/plan-recovery-step"
import { recordRecoveryOutcomeStep } from "./steps/record-recovery-outcome"
import { withdrawPendingRecoveryEmailsStep } from "./steps/withdraw-pending-recovery-emails"
import { withdrawUnsentRecoveryPromotionStep } from "./steps/withdraw-unsent-recovery-promotion"

export const PROCESS_DUE_RECOVERY_CART_WORKFLOW = "process-due-recovery-cart"

/**
 * One due cart: re-check live data → (discount code) → send through the messaging workflow
 * under `cart-recovery:<cart_id>:<step>` → switch the code off again if the email did not go
 * out → record the outcome and schedule what comes next.
 */
export const processDueRecoveryCartWorkflow = createWorkflow(
  PROCESS_DUE_RECOVERY_CART_WORKFLOW,
  (input: { tracked_cart_id: string; now: Date }) => {
    const plan = planRecoveryStepStep(input)

    const promotion = when("cart-recovery-discount", { plan }, ({ plan }) => plan.action === "send" && !!plan.discount).then(() => {
      const promoInput = transform({ plan, input }, ({ plan, input }) => ({
        discount: plan.discount!,
        campaign_id: plan.campaign_id ?? "",
        campaign_name: plan.campaign_name ?? null,
        now: input.now,
      }))
      return ensureRecoveryPromotionStep(promoInput)
    })

    const messages = transform({ plan, promotion }, ({ plan, promotion }): SendEmailInput[] => {
      if (plan.action !== "send" || !plan.message) return []
      const discount = plan.discount && promotion
        ? {
            code: promotion.code,
            ...(plan.discount.type === "percentage" ? { percent: plan.discount.value } : { amount: plan.discount.value }),
            expiresAt: promotion.expires_at,
          }
        : undefined
      return [{ ...plan.message, data: { ...plan.message.data, ...(discount ? { discount } : {}) } }]
    })

    const results = when("cart-recovery-send", { messages }, ({ messages }) => messages.length > 0).then(() =>
      sendRetentionEmailsWorkflow.runAsStep({ input: { messages } })
    )

    withdrawUnsentRecoveryPromotionStep({ promotion, results })
    const outcome = recordRecoveryOutcomeStep({ plan, promotion, results, now: input.now })
    // A sequence that ends here (ordered, cart gone, ran out) leaves no reminder waiting.
    when("cart-recovery-ended", { plan }, ({ plan }) => plan.action === "close" || plan.action === "expire").then(() =>
      withdrawPendingRecoveryEmailsStep(transform({ plan }, ({ plan }) => ({ cart_ids: [plan.cart_id] })))
    )
    return new WorkflowResponse(outcome)
  }
)
