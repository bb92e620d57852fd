import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../../modules/replenishment/service"
import { renewSubscription } from "../../../../../../workflows/replenishment/renew-subscription"
import { ActionBody, applySubscriptionAction, subscriptionView } from "../../../../../utils/subscriptions"
import { parseInput } from "../../../messages/helpers"

/**
 * An admin's action: skip, pause (until a date or until resumed), resume, cancel (with a
 * reason), run now, change interval (any valid interval: the merchant may go beyond the plan).
 * Recorded in the history with the admin user.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(ActionBody, req.body)
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const [sub] = await service.listSubscriptions({ id: req.params.id }, { take: 1 })
  if (!sub) throw new MedusaError(MedusaError.Types.NOT_FOUND, `subscription ${req.params.id} not found`)
  await applySubscriptionAction(req.scope, { id: sub.id, body, actor: { type: "admin", id: req.auth_context?.actor_id }, enforcePlan: false })
  const renewal = body.action === "run_now" || body.action === "payment_updated" ? await renewSubscription(req.scope, { subscription_id: sub.id }) : undefined
  res.json({ subscription: subscriptionView(await service.retrieveSubscription(sub.id)), ...(renewal ? { renewal } : {}) })
}
