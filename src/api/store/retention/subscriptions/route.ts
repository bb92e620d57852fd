import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { parseInput } from "../../../admin/retention/messages/helpers"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../modules/replenishment/service"
import { subscriptionDetail, subscriptionView } from "../../../utils/subscriptions"
import { loadOrderForSubscription, subscribeOrderItem } from "../../../../workflows/replenishment/subscribe-from-order"
import { customerId } from "../loyalty/helpers"
import { CreateBody, ListQuery } from "./validators"

/** The customer's own subscriptions, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListQuery, req.query, "query")
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const [rows, count] = await service.listAndCountSubscriptions(
    { customer_id: customerId(req), ...(q.status ? { status: q.status } : {}) },
    { order: { created_at: "DESC" }, take: q.limit, skip: q.offset }
  )
  res.json({ subscriptions: rows.map(subscriptionView), count, limit: q.limit, offset: q.offset })
}

/**
 * Subscribes to an item of one of the customer's own orders, at an interval the product's plan
 * offers. Another customer's order is a 404, exactly like a missing one.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(CreateBody, req.body)
  const me = customerId(req)
  const order = await loadOrderForSubscription(req.scope, body.order_id)
  if (!order || order.customer_id !== me) throw new MedusaError(MedusaError.Types.NOT_FOUND, `order ${body.order_id} not found`)
  const outcome = await subscribeOrderItem(req.scope, { order, item_id: body.item_id, interval: body.interval, actor: { type: "customer", id: me } })
  if (outcome.refused) throw new MedusaError(MedusaError.Types.INVALID_DATA, outcome.refused)
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const sub = await service.retrieveSubscription(String(outcome.subscription_id))
  res.status(outcome.created ? 201 : 200).json(await subscriptionDetail(req.scope, sub, { events: false }))
}
