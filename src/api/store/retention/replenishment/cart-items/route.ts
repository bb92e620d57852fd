import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { addToCartWorkflow } from "@medusajs/medusa/core-flows"
import { parseInput } from "../../../../admin/retention/messages/helpers"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { applySubscribeAndSave } from "../../../../../workflows/replenishment/renew-subscription"
import { customerId } from "../../loyalty/helpers"
import { CartItemBody } from "../../subscriptions/validators"

/**
 * Adds a "subscribe" line to the customer's own cart: the interval is checked against the
 * variant's plan here (400 naming the field), the line carries `metadata.subscribe`, and the
 * plan's subscribe-and-save discount is applied as a promotion the server creates. The order
 * becomes a subscription when it is placed.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const me = customerId(req)
  const body = parseInput(CartItemBody, req.body)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({ entity: "cart", fields: ["id", "customer_id", "completed_at"], filters: { id: body.cart_id } })
  const cart = carts[0] as { id: string; customer_id: string | null; completed_at: string | null } | undefined
  if (!cart || cart.customer_id !== me) throw new MedusaError(MedusaError.Types.NOT_FOUND, `cart ${body.cart_id} not found`)
  if (cart.completed_at) throw new MedusaError(MedusaError.Types.INVALID_DATA, "cart_id: the cart is already completed")
  const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id", "product_id"], filters: { id: body.variant_id } })
  const variant = variants[0] as { id: string; product_id: string } | undefined
  if (!variant) throw new MedusaError(MedusaError.Types.INVALID_DATA, `variant_id: ${body.variant_id} does not exist`)
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const plan = await service.planForVariant({ product_id: variant.product_id, variant_id: variant.id })
  if (!plan) throw new MedusaError(MedusaError.Types.INVALID_DATA, "variant_id: this product has no subscription plan")
  const allowed = (plan.intervals as unknown as string[]) ?? []
  if (!allowed.includes(body.interval)) throw new MedusaError(MedusaError.Types.INVALID_DATA, `interval: must be one of ${allowed.join(", ")}`)
  await addToCartWorkflow(req.scope).run({
    input: {
      cart_id: cart.id,
      items: [{ variant_id: variant.id, quantity: body.quantity, metadata: { subscribe: { interval: body.interval } } }],
    },
  })
  if (plan.discount_percent && plan.discount_percent > 0) {
    const { data } = await query.graph({ entity: "cart", fields: ["items.variant_id", "items.metadata"], filters: { id: cart.id } })
    const subscribed = ((data[0] as { items?: { variant_id: string; metadata?: Record<string, unknown> | null }[] })?.items ?? [])
      .filter((i) => i.metadata?.subscribe)
      .map((i) => i.variant_id)
    await applySubscribeAndSave(req.scope, { cart_id: cart.id, key: cart.id, customer_id: me, percent: plan.discount_percent, variant_ids: subscribed })
  }
  const { data: fresh } = await query.graph({
    entity: "cart",
    fields: ["id", "total", "discount_total", "items.id", "items.variant_id", "items.quantity", "items.metadata", "promotions.code"],
    filters: { id: cart.id },
  })
  res.json({ cart: fresh[0] })
}
