import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError, PromotionActions } from "@medusajs/framework/utils"
import { createHash } from "crypto"
import { addToCartWorkflow, deleteLineItemsWorkflow, updateCartPromotionsWorkflow, updateLineItemInCartWorkflow } from "@medusajs/medusa/core-flows"
import { parseInput } from "../../../../admin/retention/messages/helpers"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../../modules/replenishment/service"
import { applySubscribeAndSave, subscribeAndSaveCode } from "../../../../../workflows/replenishment/renew-subscription"
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
  const linesBefore = await cartLines(req, cart.id)
  await addToCartWorkflow(req.scope).run({
    input: {
      cart_id: cart.id,
      items: [{ variant_id: variant.id, quantity: body.quantity, metadata: { subscribe: { interval: body.interval } } }],
    },
  })
  try {
    await applyCartDiscounts(req, cart.id, me)
  } catch (e) {
    // No subscribe line without its discount: the cart goes back to what it was.
    await restoreLines(req, cart.id, linesBefore)
    throw e
  }
  const { data: fresh } = await query.graph({
    entity: "cart",
    fields: ["id", "total", "discount_total", "items.id", "items.variant_id", "items.quantity", "items.metadata", "promotions.code"],
    filters: { id: cart.id },
  })
  res.json({ cart: fresh[0] })
}

type Line = { id: string; variant_id: string; product_id: string; quantity: number; metadata?: Record<string, unknown> | null }

async function cartLines(req: AuthenticatedMedusaRequest, cartId: string): Promise<Line[]> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["items.id", "items.variant_id", "items.product_id", "items.quantity", "items.metadata"],
    filters: { id: cartId },
  })
  return (((data[0] as { items?: Line[] } | undefined)?.items ?? []) as Line[]).map((i) => ({ ...i, quantity: Number(i.quantity) }))
}

/** Puts the cart's lines back as they were: removes lines added since, restores quantities. */
async function restoreLines(req: AuthenticatedMedusaRequest, cartId: string, before: Line[]) {
  const now = await cartLines(req, cartId)
  const was = new Map(before.map((l) => [l.id, l.quantity]))
  const added = now.filter((l) => !was.has(l.id)).map((l) => l.id)
  if (added.length) await deleteLineItemsWorkflow(req.scope).run({ input: { cart_id: cartId, ids: added } })
  for (const line of now) {
    const quantity = was.get(line.id)
    if (quantity !== undefined && quantity !== line.quantity) {
      await updateLineItemInCartWorkflow(req.scope).run({ input: { cart_id: cartId, item_id: line.id, update: { quantity } } })
    }
  }
}

/**
 * The cart's subscribe-and-save promotions, one per plan percentage, each targeting exactly the
 * variants of the cart's subscribe lines at that percentage. The code names the cart, the
 * percentage and the variant set, so adding another subscribed product replaces the code with
 * one that covers it, and the codes no longer matching the cart are taken off.
 */
async function applyCartDiscounts(req: AuthenticatedMedusaRequest, cartId: string, customerId: string) {
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const subscribed = (await cartLines(req, cartId)).filter((l) => l.metadata?.subscribe)
  const byPercent = new Map<number, Set<string>>()
  for (const line of subscribed) {
    const plan = await service.planForVariant({ product_id: line.product_id, variant_id: line.variant_id })
    const percent = plan?.discount_percent ?? 0
    if (percent > 0) byPercent.set(percent, new Set([...(byPercent.get(percent) ?? []), line.variant_id]))
  }
  const wanted = [...byPercent.entries()].map(([percent, variants]) => {
    const ids = [...variants].sort()
    const digest = createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 10)
    return { percent, variant_ids: ids, key: `${cartId}-${percent}-${digest}` }
  })
  const codes = new Set(wanted.map((w) => subscribeAndSaveCode(w.key)))
  const prefix = subscribeAndSaveCode(`${cartId}-`)
  const { data } = await query.graph({ entity: "cart", fields: ["promotions.code"], filters: { id: cartId } })
  const stale = (((data[0] as { promotions?: { code?: string }[] } | undefined)?.promotions ?? []).map((p) => p.code ?? ""))
    .filter((code) => code.startsWith(prefix) && !codes.has(code))
  if (stale.length) {
    await updateCartPromotionsWorkflow(req.scope).run({ input: { cart_id: cartId, promo_codes: stale, action: PromotionActions.REMOVE } })
  }
  for (const w of wanted) {
    await applySubscribeAndSave(req.scope, { cart_id: cartId, key: w.key, customer_id: customerId, percent: w.percent, variant_ids: w.variant_ids })
  }
}
