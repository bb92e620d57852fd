import { sendDueCartRecoveries } from "../../src/jobs/send-due-cart-recoveries"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { RETENTION_CART_RECOVERY_MODULE } from "../../src/modules/cart-recovery"
import type CartRecoveryModuleService from "../../src/modules/cart-recovery/service"
import { eventually } from "./admin"

const HOUR = 3600_000

/** Cart-recovery test helpers over a store seeded with scripts/demo/seed.ts. */
export function cartRecoveryHelpers(container: () => MedusaContainer) {
  const service = (): CartRecoveryModuleService => container().resolve(RETENTION_CART_RECOVERY_MODULE)
  const query = () => container().resolve(ContainerRegistrationKeys.QUERY)

  const store = async () => {
    const { data: regions } = await query().graph({ entity: "region", fields: ["id"], filters: { currency_code: "eur" } })
    const { data: channels } = await query().graph({ entity: "sales_channel", fields: ["id"], filters: { name: "Retention Demo Store" } })
    const { data: options } = await query().graph({ entity: "shipping_option", fields: ["id"], filters: { name: "Standard" } })
    const { data: variants } = await query().graph({ entity: "product_variant", fields: ["id", "sku"] })
    const { data: keys } = await query().graph({ entity: "api_key", fields: ["token"], filters: { type: "publishable" } })
    return {
      regionId: regions[0].id,
      salesChannelId: channels[0].id,
      shippingOptionId: options[0].id,
      variant: (sku: string) => {
        const found = variants.find((v) => v.sku === sku)
        if (!found) throw new Error(`no variant ${sku}`)
        return found.id
      },
      publishableKey: keys[0].token,
    }
  }

  const address = { first_name: "Lena", last_name: "Vogel", address_1: "Hauptstraße 1", city: "Berlin", postal_code: "10115", country_code: "de" }

  /** A cart in EUR in the seeded store, shipped to Berlin, with the given SKUs. */
  const createEuroCart = async (input: { email?: string; customer_id?: string; items: [string, number][] }) => {
    const s = await store()
    const { result } = await createCartWorkflow(container()).run({
      input: {
        region_id: s.regionId,
        sales_channel_id: s.salesChannelId,
        currency_code: "eur",
        ...(input.email ? { email: input.email } : {}),
        ...(input.customer_id ? { customer_id: input.customer_id } : {}),
        shipping_address: address,
        billing_address: address,
        items: input.items.map(([sku, quantity]) => ({ variant_id: s.variant(sku), quantity })),
      },
    })
    return result
  }

  /** A guest cart in EUR with an email and items; resolves once the plugin tracks it. */
  const createCart = async (email: string, items: [string, number][] = [["ETH-YIRG-250", 1]]) => {
    const result = await createEuroCart({ email, items })
    await eventually(async () => (await service().listTrackedCarts({ cart_id: result.id }))[0])
    return result
  }

  const tracked = async (cartId: string) => {
    const [row] = await service().listTrackedCarts({ cart_id: cartId })
    if (!row) throw new Error(`cart ${cartId} is not tracked`)
    return row
  }

  /**
   * The cart has been quiet for `hours` and its next action is due now (time travel by data).
   * Due never lies before the cart's last send, as in a store where a step waits its delay after
   * the one before: the app's own scheduler may tick with a `now` taken a moment before a test's
   * tick sent step 1, and with due at "a second ago" it could send step 2 stamped earlier than
   * step 1, which attribution (last touch by send time) would then read the wrong way round.
   */
  const makeDue = async (cartId: string, hours: number) => {
    const row = await tracked(cartId)
    const lastSent = row.last_sent_at ? new Date(row.last_sent_at).getTime() : 0
    await service().updateTrackedCarts({
      id: row.id,
      last_activity_at: new Date(Date.now() - hours * HOUR),
      next_action_at: new Date(Math.max(Date.now() - 1000, lastSent + 1)),
    })
  }

  const completeCart = async (cartId: string) => {
    const s = await store()
    await addShippingMethodToCartWorkflow(container()).run({ input: { cart_id: cartId, options: [{ id: s.shippingOptionId }] } })
    const { result: collection } = await createPaymentCollectionForCartWorkflow(container()).run({ input: { cart_id: cartId } })
    await createPaymentSessionsWorkflow(container()).run({
      input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
    })
    const { result: order } = await completeCartWorkflow(container()).run({ input: { id: cartId } })
    return order
  }

  /**
   * One scheduler tick as a test wants it: it runs. The app's own scheduler also ticks every
   * minute, and while its tick holds the lease a test's tick would do nothing; this one waits
   * for the lease instead.
   */
  const tick = async (now?: Date) => {
    const deadline = Date.now() + 60_000
    for (;;) {
      const result = await sendDueCartRecoveries(container(), now)
      if (!("skipped" in result)) return result
      if (Date.now() > deadline) throw new Error("the scheduler lease stayed taken for a minute")
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  return { service, query, store, createEuroCart, createCart, tracked, makeDue, completeCart, tick }
}
