import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { parseInput } from "../../../../admin/retention/messages/helpers"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { subscriptionItems } from "../../../../../modules/replenishment/service"
import { applySubscriptionAction, ownSubscription, subscriptionDetail } from "../../../../utils/subscriptions"
import { customerId } from "../../loyalty/helpers"
import { UpdateBody } from "../validators"

/** One of the customer's own subscriptions, with its upcoming and past runs. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const sub = await ownSubscription(req.scope, customerId(req), req.params.id)
  res.json(await subscriptionDetail(req.scope, sub, { events: false }))
}

/**
 * Changes the interval (one the plan offers), item quantities, the shipping address (a country
 * of the subscription's region) or the shipping option. All checked before anything is stored.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const me = customerId(req)
  const body = parseInput(UpdateBody, req.body)
  const sub = await ownSubscription(req.scope, me, req.params.id)
  if (sub.status === "canceled") throw new MedusaError(MedusaError.Types.INVALID_DATA, "status: the subscription is canceled")
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const items = subscriptionItems(sub)
  const changes: Record<string, unknown> = {}
  if (body.items) {
    const known = new Set(items.map((i) => i.variant_id))
    const unknown = body.items.find((i) => !known.has(i.variant_id))
    if (unknown) throw new MedusaError(MedusaError.Types.INVALID_DATA, `items.variant_id: ${unknown.variant_id} is not in this subscription`)
    const quantities = new Map(body.items.map((i) => [i.variant_id, i.quantity]))
    changes.items = JSON.parse(JSON.stringify(items.map((i) => ({ ...i, quantity: quantities.get(i.variant_id) ?? i.quantity }))))
  }
  if (body.shipping_address) {
    const { data } = await query.graph({ entity: "region", fields: ["countries.iso_2"], filters: { id: sub.region_id } })
    const countries = ((data[0] as { countries?: { iso_2: string }[] } | undefined)?.countries ?? []).map((c) => c.iso_2)
    if (!countries.includes(body.shipping_address.country_code)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `shipping_address.country_code: must be one of ${countries.join(", ")}`)
    }
    changes.shipping_address = JSON.parse(JSON.stringify(body.shipping_address))
  }
  if (body.shipping_option_id) {
    const { data } = await query.graph({ entity: "shipping_option", fields: ["id"], filters: { id: body.shipping_option_id } })
    if (!data.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `shipping_option_id: ${body.shipping_option_id} does not exist`)
    changes.shipping_option_id = body.shipping_option_id
  }
  if (body.interval && body.interval !== sub.interval) {
    await applySubscriptionAction(req.scope, {
      id: sub.id,
      body: { action: "change_interval", interval: body.interval },
      actor: { type: "customer", id: me },
      enforcePlan: true,
    })
  }
  if (Object.keys(changes).length) {
    await service.updateSubscriptions({ id: sub.id, ...changes })
    await service.record(sub.id, { type: "customer", id: me }, "details_changed", { fields: Object.keys(changes) })
  }
  res.json(await subscriptionDetail(req.scope, await service.retrieveSubscription(sub.id), { events: false }))
}
