import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ensureRecoveryPromotionStep } from "../cart-recovery/steps/ensure-recovery-promotion"
import { withdrawUnsentRecoveryPromotionStep } from "../cart-recovery/steps/withdraw-unsent-recovery-promotion"
import { sendRetentionEmailsWorkflow } from "../messaging/send-retention-emails"
import type { SendEmailInput } from "../messaging/types"
import { planFlowStepStep } from "./steps/plan-flow-step"
import { recordFlowOutcomeStep } from "./steps/record-flow-outcome"
import { withdrawPendingFlowEmailsStep } from "./steps/withdraw-pending-flow-emails"

export const PROCESS_DUE_FLOW_ENTRY_WORKFLOW = "process-due-flow-entry"

/**
 * One due flow entry, on the cart-recovery pattern: re-check live data → (one-off code through
 * the cart campaigns' promotion step, under the flow's budget) → send through
 * send-retention-emails under `flow:<flow_id>:<subject_id>:<step>` → switch the code off again if
 * the email did not go out → record the outcome and schedule the next step.
 */
export const processDueFlowEntryWorkflow = createWorkflow(PROCESS_DUE_FLOW_ENTRY_WORKFLOW, (input: { entry_id: string; now: Date }) => {
  const plan = planFlowStepStep(input)

  const promotion = when("flow-discount", { plan }, ({ plan }) => plan.action === "send" && !!plan.discount).then(() =>
    ensureRecoveryPromotionStep(
      transform({ plan, input }, ({ plan, input }) => ({ discount: plan.discount!, campaign_id: plan.flow_id, campaign_name: plan.flow_name ?? null, now: input.now }))
    )
  )

  const messages = transform({ plan, promotion }, ({ plan, promotion }): SendEmailInput[] => {
    if (plan.action !== "send" || !plan.message) return []
    const discount =
      plan.discount && promotion
        ? {
            code: promotion.code,
            ...(plan.discount.type === "percentage"
              ? { percent: plan.discount.value }
              : { amount: plan.discount.value, currency: plan.discount.currency_code }),
            expiresAt: promotion.expires_at,
          }
        : undefined
    return [{ ...plan.message, data: { ...plan.message.data, ...(discount ? { discount } : {}) } }]
  })

  const results = when("flow-send", { messages }, ({ messages }) => messages.length > 0).then(() =>
    sendRetentionEmailsWorkflow.runAsStep({ input: { messages } })
  )

  withdrawUnsentRecoveryPromotionStep({ promotion, results })
  const outcome = recordFlowOutcomeStep({ plan, promotion, results, now: input.now })
  when("flow-entry-ended", { plan }, ({ plan }) => plan.action === "exit").then(() =>
    withdrawPendingFlowEmailsStep(transform({ plan }, ({ plan }) => ({ prefixes: [`flow:${plan.flow_id}:${plan.subject_id}:`] })))
  )
  return new WorkflowResponse(outcome)
})
