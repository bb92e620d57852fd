import { z } from "@medusajs/framework/zod"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"

export const RESOLVE_RENEWAL_PAYMENT_WORKFLOW = "resolve-renewal-payment"

export type RenewalPaymentInput = {
  subscription: {
    id: string
    customer_id: string
    payment_provider_id: string
    // The saved method's reference at the provider, as stored on the subscription.
    payment_reference: string | null
  }
  cart: { id: string; currency_code: string; total: number }
  run: { id: string; key: string; attempt: number }
}

export type RenewalPayment = {
  provider_id: string
  // Passed to the provider's initiatePayment as the session's data.
  data?: Record<string, unknown>
  context?: Record<string, unknown>
}

const answer = z.object({
  provider_id: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
})

/**
 * Which payment provider and session data a renewal uses. Without a handler: the
 * subscription's provider with no data (the demo and tests use `pp_system_default`). A store
 * implements `resolveRenewalPayment` for its provider, e.g. Stripe off-session with the
 * customer's saved payment method (see the README).
 */
export const resolveRenewalPaymentWorkflow = createWorkflow(RESOLVE_RENEWAL_PAYMENT_WORKFLOW, (input: RenewalPaymentInput) => {
  const resolveRenewalPayment = createHook("resolveRenewalPayment", input, { resultValidator: answer })
  const result = transform({ input, hooked: resolveRenewalPayment.getResult() }, ({ input, hooked }): RenewalPayment => {
    return hooked ?? { provider_id: input.subscription.payment_provider_id, data: {} }
  })
  return new WorkflowResponse(result, { hooks: [resolveRenewalPayment] })
})
