import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../modules/replenishment/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { escapeHtml, firstAcceptedLanguage, page, pickLocale } from "../page"

const INVALID = {
  en: { title: "Link expired", body: "This reorder link is invalid or has expired. Visit the store to order again." },
  tr: { title: "Bağlantının süresi doldu", body: "Bu yeniden sipariş bağlantısı geçersiz ya da süresi dolmuş. Yeniden sipariş vermek için mağazayı ziyaret edin." },
}

type OrderRow = {
  id: string
  customer_id: string | null
  email: string | null
  region_id: string | null
  sales_channel_id: string | null
  currency_code: string
  shipping_address?: Record<string, unknown> | null
  items?: ({ variant_id: string | null; detail?: { quantity?: unknown } | null } | null)[] | null
}

const ADDRESS_FIELDS = ["first_name", "last_name", "company", "address_1", "address_2", "city", "province", "postal_code", "country_code", "phone"]

/**
 * The one-click reorder link of a "running low?" email: verifies the signed token, builds a cart
 * for the customer with the predicted items in the quantities of their last order (region,
 * sales channel and address of that order, today's prices), and redirects to the storefront's
 * cart URL as the recovery link does. The same link opens the same cart while it is not
 * completed, so a mail scanner's visit and the customer's click make one cart, not two.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const token = typeof req.query.token === "string" ? req.query.token : undefined
  const verified = service.verifyReorderLink(token)
  const [prediction] = verified.ok
    ? await service.listReplenishmentPredictions({ key: verified.payload.k, customer_id: verified.payload.c }, { take: 1 })
    : []
  if (!verified.ok || !token || !prediction || !Array.isArray(verified.payload.v)) {
    const locale = pickLocale(firstAcceptedLanguage(req.get("accept-language")))
    const s = INVALID[locale]
    res.status(400).set("cache-control", "no-store").type("html").send(page(locale, s.title, `<p>${escapeHtml(s.body)}</p>`))
    return
  }
  const settings: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const { storefrontUrl } = (await settings.getSection("brand")).values

  // Under a lock per cycle: a scanner's visit and the customer's click at the same moment still
  // make one cart.
  const locking = req.scope.resolve(Modules.LOCKING)
  const cartId = await locking.execute(`retention-reorder:${prediction.key}`, () => reorderCart(req, prediction, verified.payload), { timeout: 10 })
  if (!cartId) {
    res.set("cache-control", "no-store").redirect(302, storefrontUrl)
    return
  }
  const recovery: CartRecoveryModuleService = req.scope.resolve(RETENTION_CART_RECOVERY_MODULE)
  res.set("cache-control", "no-store")
  res.redirect(302, recovery.storefrontUrl({ cart_id: cartId, code: null, token, storefrontUrl }))
}

/** The cycle's cart: the one its link built before while not completed, else a new one. */
async function reorderCart(
  req: MedusaRequest,
  prediction: { key: string; cart_id?: string | null; last_order_id: string },
  payload: { c: string; v: string[] }
): Promise<string | null> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  // Read again under the lock: a visit that just finished may have built the cart.
  const [fresh] = await service.listReplenishmentPredictions({ key: prediction.key }, { take: 1 })
  let cartId: string | null = fresh?.cart_id ?? null
  if (cartId) {
    const { data } = await query.graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: cartId } })
    if (!data[0] || (data[0] as { completed_at?: unknown }).completed_at) cartId = null
  }
  if (!cartId) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "customer_id", "email", "region_id", "sales_channel_id", "currency_code", "shipping_address.*", "items.variant_id", "items.detail.quantity"],
      filters: { id: prediction.last_order_id },
    })
    const order = data[0] as OrderRow | undefined
    const wanted = new Set(payload.v.map(String))
    const quantities = new Map<string, number>()
    for (const item of order?.items ?? []) {
      if (!item?.variant_id || !wanted.has(item.variant_id)) continue
      quantities.set(item.variant_id, (quantities.get(item.variant_id) ?? 0) + Math.max(1, Number(item.detail?.quantity ?? 1)))
    }
    if (!order || order.customer_id !== payload.c || !quantities.size) return null
    // Variants deleted since are left out; with nothing left the customer lands on the store.
    const { data: existing } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: [...quantities.keys()] } })
    const items = (existing as { id: string }[]).map((v) => ({ variant_id: v.id, quantity: quantities.get(v.id) ?? 1 }))
    if (!items.length) return null
    const address: Record<string, unknown> = {}
    for (const k of ADDRESS_FIELDS) if (order.shipping_address?.[k] != null) address[k] = order.shipping_address[k]
    try {
      const { result: cart } = await createCartWorkflow(req.scope).run({
        input: {
          region_id: order.region_id ?? undefined,
          sales_channel_id: order.sales_channel_id ?? undefined,
          currency_code: order.currency_code,
          customer_id: order.customer_id,
          email: order.email ?? undefined,
          shipping_address: Object.keys(address).length ? address : undefined,
          items,
          metadata: { retention_reorder: { key: prediction.key } },
        },
      })
      cartId = cart.id
      await service.setPredictionFields([prediction.key], { cart_id: cartId })
    } catch (e) {
      // A region or channel that no longer exists: the store, not an error page.
      req.scope.resolve(ContainerRegistrationKeys.LOGGER).info(`replenishment: reorder cart for ${prediction.key} not built: ${e instanceof Error ? e.message : String(e)}`)
      return null
    }
  }
  return cartId
}
