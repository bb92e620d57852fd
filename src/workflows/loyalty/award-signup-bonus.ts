import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../modules/loyalty"
import { creditExpiresAt } from "../../modules/loyalty/program"
import type { LoyaltyModuleService } from "../../modules/loyalty"

export const awardSignupBonusWorkflowId = "retention-loyalty-award-signup-bonus"


/**
 * customer.created: the sign-up bonus, available at once, keyed (signup, customer_id). Only
 * for registered customers (an admin-created or guest record has no account to log in with).
 */
export const awardSignupBonusStep = createStep("award-signup-bonus", async (input: { customer_id: string }, { container }) => {
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["id", "has_account"], filters: { id: input.customer_id } })
  if (!(data[0] as { has_account?: boolean } | undefined)?.has_account) return new StepResponse({ points: 0 })
  const settings = await loyalty.getProgram()
  if (!settings.enabled || settings.signupBonus <= 0) return new StepResponse({ points: 0 })
  const now = new Date()
  const { inserted } = await loyalty.recordEntries(input.customer_id, [
    {
      type: "bonus",
      points: settings.signupBonus,
      status: "available",
      reference: "signup",
      reference_id: input.customer_id,
      expires_at: creditExpiresAt(settings, now),
      note: "sign-up bonus",
    },
  ])
  return new StepResponse({ points: inserted[0]?.points ?? 0 })
})

export const awardSignupBonusWorkflow = createWorkflow(awardSignupBonusWorkflowId, (input: { customer_id: string }) =>
  new WorkflowResponse(awardSignupBonusStep(input))
)
