import { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { parseInput } from "../../../admin/retention/messages/helpers"
import { renewSubscription } from "../../../../workflows/replenishment/renew-subscription"
import { ActionBody, applySubscriptionAction, ownSubscription, subscriptionDetail } from "../../../utils/subscriptions"
import { customerId } from "../loyalty/helpers"

/**
 * One customer action on one of their own subscriptions (another customer's id is a 404).
 * "Order now" and "payment updated" place the renewal straight away.
 */
export async function storeSubscriptionAction(req: AuthenticatedMedusaRequest, action: ActionBody["action"], schema: z.ZodType) {
  const me = customerId(req)
  const extra = parseInput(schema, req.body) as Record<string, unknown>
  await ownSubscription(req.scope, me, req.params.id)
  const body = { ...extra, action } as ActionBody
  const sub = await applySubscriptionAction(req.scope, { id: req.params.id, body, actor: { type: "customer", id: me }, enforcePlan: true })
  let renewal: { outcome: string; order_id?: string | null } | undefined
  if (action === "run_now" || action === "payment_updated") {
    renewal = await renewSubscription(req.scope, { subscription_id: sub.id })
  }
  const fresh = await ownSubscription(req.scope, me, req.params.id)
  return { ...(await subscriptionDetail(req.scope, fresh, { events: false })), ...(renewal ? { renewal } : {}) }
}
