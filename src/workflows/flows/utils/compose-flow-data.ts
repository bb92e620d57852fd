import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { recommendProducts } from "../../../lib/flows/recommend-products"
import type { FlowProduct } from "../../../lib/flows/template-data"
import type { FlowKind } from "../../../modules/flows/flow-config"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../modules/loyalty"
import { pointValueFor } from "../../../modules/loyalty/program"

type Row = Record<string, unknown>

export type ComposedFlowData =
  | {
      data: Record<string, unknown>
      // The currency codes and amounts are in (the order's, else the store's default).
      currency_code: string | null
      // For quiet hours and the email's language: the order's shipping country when known.
      country_code: string | null
    }
  | { exit: string }

async function storeCurrency(container: Pick<MedusaContainer, "resolve">): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
  const currencies = ((data[0] as Row | undefined)?.supported_currencies ?? []) as { currency_code: string; is_default?: boolean }[]
  const chosen = currencies.find((c) => c.is_default) ?? currencies[0]
  return chosen ? chosen.currency_code.toLowerCase() : null
}

async function lastOrderCurrency(container: Pick<MedusaContainer, "resolve">, customerId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "currency_code"],
    filters: { customer_id: customerId },
    pagination: { take: 1, order: { created_at: "DESC" } },
  })
  const order = data[0] as Row | undefined
  return order ? String(order.currency_code).toLowerCase() : null
}

/**
 * Products an email shows: best sellers (welcome), frequently bought together with the order
 * (post-purchase) or the last order (win-back), from recommendProducts. A recommendation that
 * fails leaves the block out (every template skips an empty list) rather than the email.
 */
async function flowProducts(
  container: Pick<MedusaContainer, "resolve">,
  input: { customerId: string; orderId?: string; limit: number }
): Promise<FlowProduct[]> {
  try {
    return (await recommendProducts(container, input)).map(({ source: _source, ...product }) => product)
  } catch (e) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`flows: no products for ${input.customerId}: ${e instanceof Error ? e.message : String(e)}`)
    return []
  }
}

/**
 * The template data of one flow email (src/lib/flows/template-data.ts), per kind, from live
 * data: the order of a thank-you (a canceled one ends the entry), the birthday bonus the loyalty
 * program paid this year and what it is worth, the last order of a win-back.
 */
export async function composeFlowData(
  container: Pick<MedusaContainer, "resolve">,
  input: { kind: FlowKind; entry: { customer_id: string; trigger_key: string; context: Row }; stepIndex: number; now: Date }
): Promise<ComposedFlowData> {
  const { kind, entry } = input
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  switch (kind) {
    case "welcome":
      return {
        data: {
          step: Math.min(input.stepIndex + 1, 3),
          // Best sellers are the second email's subject; the others show none.
          products: input.stepIndex === 1 ? await flowProducts(container, { customerId: entry.customer_id, limit: 4 }) : [],
        },
        currency_code: await storeCurrency(container),
        country_code: null,
      }
    case "post_purchase": {
      const orderId = String(entry.context.order_id ?? entry.trigger_key)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "display_id", "status", "currency_code", "shipping_address.country_code"],
        filters: { id: orderId },
      })
      const order = data[0] as Row | undefined
      if (!order) return { exit: "order_gone" }
      if (order.status === "canceled") return { exit: "order_canceled" }
      const address = order.shipping_address as Row | null | undefined
      return {
        data: {
          orderDisplayId: order.display_id ?? undefined,
          products: await flowProducts(container, { customerId: entry.customer_id, orderId, limit: 3 }),
        },
        currency_code: String(order.currency_code).toLowerCase(),
        country_code: address?.country_code ? String(address.country_code) : null,
      }
    }
    case "birthday": {
      const currency = (await lastOrderCurrency(container, entry.customer_id)) ?? (await storeCurrency(container))
      const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
      const year = String(entry.context.year ?? entry.trigger_key)
      // The bonus the loyalty job paid for this birthday (same key: birthday, <customer>:<year>).
      const [bonus] = await loyalty.listLoyaltyEntries({ reference: "birthday", reference_id: `${entry.customer_id}:${year}`, type: "bonus" })
      const data: Row = {}
      if (bonus && bonus.points > 0) {
        data.bonusPoints = bonus.points
        if (currency) {
          const value = Math.round(bonus.points * pointValueFor(await loyalty.getProgram(), currency) * 100) / 100
          if (value > 0) data.bonusValue = { amount: value, currency }
        }
      }
      return { data, currency_code: currency, country_code: null }
    }
    case "win_back":
      return {
        data: {
          step: Math.min(input.stepIndex + 1, 2),
          ...(typeof entry.context.last_order_at === "string" ? { lastOrderDate: entry.context.last_order_at } : {}),
          products: await flowProducts(container, {
            customerId: entry.customer_id,
            ...(typeof entry.context.last_order_id === "string" ? { orderId: entry.context.last_order_id } : {}),
            limit: 3,
          }),
        },
        currency_code: typeof entry.context.currency_code === "string" ? entry.context.currency_code : await storeCurrency(container),
        country_code: null,
      }
  }
}
