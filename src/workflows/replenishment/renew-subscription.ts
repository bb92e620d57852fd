import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, getVariantAvailability, Modules, PromotionActions } from "@medusajs/framework/utils"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
  createPromotionsWorkflow,
  updateCartPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { RETENTION_REPLENISHMENT_MODULE } from "../../modules/replenishment"
import { periodOf } from "../../modules/replenishment/schedule"
import type ReplenishmentModuleService from "../../modules/replenishment/service"
import type { SubscriptionItem } from "../../modules/replenishment/service"
import { resolveRenewalPaymentWorkflow } from "./resolve-renewal-payment"
import { emailItems, sendSubscriptionEmail, SubscriptionForEmail, storefrontPath } from "./send-subscription-emails"
import { RETENTION_SETTINGS_MODULE } from "../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../modules/retention-settings/service"

const DAY = 86400_000

export type RenewalOutcome =
  | "not_due"
  | "ordered"
  | "already_ordered"
  | "postponed_out_of_stock"
  | "skipped_out_of_stock"
  | "payment_retry_scheduled"
  | "payment_failed"
  | "busy"

type SubscriptionRow = Awaited<ReturnType<ReplenishmentModuleService["retrieveSubscription"]>>
type RunRow = Awaited<ReturnType<ReplenishmentModuleService["ensureRun"]>>

function describe(e: unknown): string {
  if (e instanceof Error) return e.message
  if (typeof e === "object" && e !== null && "message" in e) return String((e as { message: unknown }).message)
  return String(e)
}

const asItems = (v: unknown): SubscriptionItem[] => (Array.isArray(v) ? (v as SubscriptionItem[]) : [])

function forEmail(sub: SubscriptionRow): SubscriptionForEmail {
  return {
    id: sub.id,
    customer_id: sub.customer_id,
    email: sub.email,
    locale: sub.locale ?? null,
    shipping_address: (sub.shipping_address as Record<string, unknown>) ?? null,
    items: asItems(sub.items),
  }
}

/**
 * Places one subscription's renewal for its current period as a real order: Medusa's own cart
 * (current prices, taxes, inventory), the subscribe-and-save promotion, the shipping method, a
 * payment session from the `resolveRenewalPayment` hook, and `completeCartWorkflow`, which emits
 * `order.placed` (so loyalty points and everything else a store listens to follow).
 *
 * Not one workflow on purpose: each stage's result is stored on the period's run row before the
 * next starts, so a crash or a retry resumes the same run and the same cart (its key is unique
 * per subscription and period), and Medusa completes a cart only once. A failed payment keeps the
 * cart for the next attempt (dunning) instead of rolling everything back.
 *
 * Runs under a lock per subscription, so two ticks (or a tick and "order now") never work on one
 * subscription at the same time.
 */
export async function renewSubscription(
  container: MedusaContainer,
  input: { subscription_id: string; now?: Date }
): Promise<{ outcome: RenewalOutcome; run_id?: string; order_id?: string | null }> {
  const locking = container.resolve(Modules.LOCKING)
  const now = input.now ?? new Date()
  try {
    return await locking.execute(`retention-renewal:${input.subscription_id}`, () => renewLocked(container, input.subscription_id, now), {
      timeout: 2,
    })
  } catch (e) {
    if (/timed? ?out|lock/i.test(describe(e))) return { outcome: "busy" }
    throw e
  }
}

async function renewLocked(container: MedusaContainer, subscriptionId: string, now: Date) {
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const sub = await service.retrieveSubscription(subscriptionId)
  if (sub.status !== "active" || new Date(sub.next_run_at).getTime() > now.getTime()) return { outcome: "not_due" as const }
  const periodAt = new Date(sub.period_at)
  const run = await service.ensureRun({ subscription_id: sub.id, period_at: periodAt })
  const system = { type: "system" as const }

  const finishOrdered = async (orderId: string, outcome: "ordered" | "already_ordered") => {
    await service.updateSubscriptionRuns({ id: run.id, status: "ordered", order_id: orderId, next_retry_at: null, error: null })
    // Only the period that ran moves the schedule (a retry of an old period does not).
    const fresh = await service.retrieveSubscription(sub.id)
    if (periodOf(new Date(fresh.period_at)) === run.period) {
      await service.applyAction({ id: sub.id, action: { type: "renewed" }, actor: system, now, detail: { period: run.period, order_id: orderId } })
    }
    return { outcome, run_id: run.id, order_id: orderId }
  }

  if (run.status === "ordered" && run.order_id) return finishOrdered(run.order_id, "already_ordered")
  if (run.status === "skipped") {
    await service.applyAction({ id: sub.id, action: { type: "period_skipped" }, actor: system, now, detail: { period: run.period } })
    return { outcome: "skipped_out_of_stock" as const, run_id: run.id }
  }

  // The cart this period already has (a retry, or a crash after it was created), else a new one.
  let cartId = run.cart_id
  if (cartId) {
    const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
    const existingOrder = (data[0] as { order_id?: string } | undefined)?.order_id
    if (existingOrder) return finishOrdered(existingOrder, "already_ordered")
  } else {
    const available = await availableItems(container, sub)
    if (!available.items.length) return outOfStock(container, service, sub, run, available.unavailable, now)
    const { result: cart } = await createCartWorkflow(container).run({
      input: {
        region_id: sub.region_id,
        sales_channel_id: sub.sales_channel_id ?? undefined,
        currency_code: sub.currency_code,
        customer_id: sub.customer_id,
        email: sub.email,
        shipping_address: addressInput(sub.shipping_address),
        billing_address: addressInput(sub.shipping_address),
        items: available.items.map((i) => ({ variant_id: i.variant_id, quantity: i.quantity })),
        metadata: { retention_renewal: { subscription_id: sub.id, run_id: run.id, period: run.period } },
      },
    })
    cartId = cart.id
    // Stored before anything else happens to the cart: from here on, every attempt uses it.
    await service.updateSubscriptionRuns({
      id: run.id,
      cart_id: cartId,
      status: "cart_created",
      unavailable: available.unavailable.length ? JSON.parse(JSON.stringify(available.unavailable)) : null,
    })
  }

  const cart = await loadCart(container, cartId)
  if (sub.discount_percent && sub.discount_percent > 0 && !cart.promotionCodes.length) {
    await applySubscribeAndSave(container, {
      cart_id: cartId,
      key: run.id,
      customer_id: sub.customer_id,
      percent: sub.discount_percent,
      variant_ids: cart.variantIds,
    })
  }
  if (!cart.hasShipping && sub.shipping_option_id) {
    await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cartId, options: [{ id: sub.shipping_option_id }] } })
  }
  let collectionId = cart.paymentCollectionId
  if (!collectionId) {
    const { result } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
    collectionId = (result as { id: string }).id
  }

  const attempt = run.attempts + 1
  const priced = await loadCart(container, cartId)
  let failure: string | null = null
  try {
    const { result: payment } = await resolveRenewalPaymentWorkflow(container).run({
      input: {
        subscription: { id: sub.id, customer_id: sub.customer_id, payment_provider_id: sub.payment_provider_id, payment_reference: sub.payment_reference ?? null },
        cart: { id: cartId, currency_code: sub.currency_code, total: priced.total },
        run: { id: run.id, key: run.key, attempt },
      },
    })
    await createPaymentSessionsWorkflow(container).run({
      // customer_id: Medusa finds (or creates) the customer's account holder at the provider and
      // hands it to the provider (Stripe: the Stripe customer whose saved method is charged).
      input: { payment_collection_id: collectionId, provider_id: payment.provider_id, customer_id: sub.customer_id, data: payment.data ?? {}, context: payment.context },
    })
  } catch (e) {
    failure = describe(e)
  }
  if (!failure) {
    const { result, errors } = await completeCartWorkflow(container).run({ input: { id: cartId }, throwOnError: false })
    if (errors?.length) failure = errors.map((e) => describe(e.error)).join("; ")
    else return finishWithEmail(container, service, sub, run, (result as { id: string }).id, finishOrdered)
  }
  return paymentFailed(container, service, sub, run, attempt, failure ?? "payment failed", priced, now)
}

async function finishWithEmail(
  container: MedusaContainer,
  service: ReplenishmentModuleService,
  sub: SubscriptionRow,
  run: RunRow,
  orderId: string,
  finish: (orderId: string, outcome: "ordered") => Promise<{ outcome: RenewalOutcome; run_id: string; order_id: string }>
) {
  const done = await finish(orderId, "ordered")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "display_id",
      "total",
      "discount_total",
      "currency_code",
      "items.title",
      "items.variant_title",
      "items.quantity",
      "items.detail.quantity",
      "items.subtotal",
      "items.discount_total",
      "items.total",
      "items.thumbnail",
      "customer.first_name",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as Record<string, any> | undefined
  const itemsValue = ((order?.items ?? []) as Record<string, any>[]).reduce((s, i) => s + Number(i.subtotal ?? 0) - Number(i.discount_total ?? 0), 0)
  await service.updateSubscriptions({ id: sub.id, renewal_value: Math.round(itemsValue * 100) / 100 })
  const fresh = await service.retrieveSubscription(sub.id)
  const unavailable = Array.isArray(run.unavailable) ? (run.unavailable as { title: string; variant_title?: string | null }[]) : []
  await sendSubscriptionEmail(container, {
    key: `replenishment:renewed:${run.key}`,
    template: "replenishment-renewal-placed",
    subscription: forEmail(sub),
    customerName: order?.customer?.first_name,
    data: {
      orderDisplayId: String(order?.display_id ?? ""),
      items: ((order?.items ?? []) as Record<string, any>[]).map((i) => ({
        title: i.title,
        variantTitle: i.variant_title ?? undefined,
        quantity: Number(i.quantity ?? i.detail?.quantity ?? 0),
        total: Number(i.total ?? 0),
        imageUrl: i.thumbnail ?? undefined,
      })),
      currency: order?.currency_code ?? sub.currency_code,
      total: Number(order?.total ?? 0),
      discountTotal: Number(order?.discount_total ?? 0),
      nextRenewalDate: new Date(fresh.period_at).toISOString(),
      unavailableItems: unavailable.length ? unavailable.map((u) => ({ title: u.title, variantTitle: u.variant_title ?? undefined })) : undefined,
    },
  }).catch((e) => container.resolve(ContainerRegistrationKeys.LOGGER).warn(`replenishment: renewal email for ${run.key} not sent: ${describe(e)}`))
  return done
}

/**
 * Dunning. A failed attempt makes no order: the cart stays for the next attempt, retried after
 * the configured days (counted from the first attempt), with an email each time; after the last
 * the subscription is `payment_failed` until the customer updates their payment method.
 */
async function paymentFailed(
  container: MedusaContainer,
  service: ReplenishmentModuleService,
  sub: SubscriptionRow,
  run: RunRow,
  attempt: number,
  error: string,
  cart: LoadedCart,
  now: Date
) {
  const retryDays = service.options.replenishment.retryDays
  const firstAttempt = run.attempts === 0 ? now : new Date(run.created_at)
  const retryAt = attempt <= retryDays.length ? new Date(firstAttempt.getTime() + retryDays[attempt - 1] * DAY) : null
  await service.updateSubscriptionRuns({
    id: run.id,
    attempts: attempt,
    next_retry_at: retryAt,
    error: error.slice(0, 500),
    status: retryAt ? "cart_created" : "failed",
  })
  await service.updateSubscriptions({ id: sub.id, failed_count: (sub.failed_count ?? 0) + 1 })
  if (retryAt) {
    await service.setNextRunAt({ id: sub.id, at: retryAt })
    await service.record(sub.id, { type: "system" }, "payment_retry_scheduled", { period: run.period, attempt, retry_at: retryAt.toISOString(), error: error.slice(0, 200) })
  } else {
    await service.applyAction({ id: sub.id, action: { type: "payment_failed_final" }, actor: { type: "system" }, now, detail: { period: run.period, attempts: attempt } })
  }
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const brand = (await settings.getSection("brand")).values
  await sendSubscriptionEmail(container, {
    key: `replenishment:payment-failed:${run.key}:${attempt}`,
    template: "replenishment-payment-failed",
    subscription: forEmail(sub),
    data: {
      renewalDate: new Date(sub.period_at).toISOString(),
      items: cart.items,
      currency: sub.currency_code,
      total: cart.total,
      retryDate: retryAt ? retryAt.toISOString() : undefined,
      updatePaymentUrl: storefrontPath(brand.storefrontUrl, service.options.replenishment.updatePaymentUrl, sub.id),
    },
  }).catch((e) => container.resolve(ContainerRegistrationKeys.LOGGER).warn(`replenishment: payment email for ${run.key} not sent: ${describe(e)}`))
  return { outcome: (retryAt ? "payment_retry_scheduled" : "payment_failed") as RenewalOutcome, run_id: run.id }
}

/**
 * Nothing of the renewal is in stock: postpone a day at a time (up to the option's limit), then
 * skip the period. The customer hears about both.
 */
async function outOfStock(
  container: MedusaContainer,
  service: ReplenishmentModuleService,
  sub: SubscriptionRow,
  run: RunRow,
  unavailable: { variant_id: string; title: string; variant_title?: string | null }[],
  now: Date
) {
  const unavailableJson = JSON.parse(JSON.stringify(unavailable))
  if (run.postponements < service.options.replenishment.maxPostponements) {
    const until = new Date(now.getTime() + DAY)
    const postponements = run.postponements + 1
    await service.updateSubscriptionRuns({ id: run.id, postponements, next_retry_at: until, unavailable: unavailableJson, error: "out of stock" })
    await service.setNextRunAt({ id: sub.id, at: until })
    await service.record(sub.id, { type: "system" }, "postponed_out_of_stock", { period: run.period, until: until.toISOString() })
    await sendSubscriptionEmail(container, {
      key: `replenishment:unavailable:${run.key}:${postponements}`,
      template: "replenishment-items-unavailable",
      subscription: forEmail(sub),
      data: { items: unavailable.map((u) => ({ title: u.title, variantTitle: u.variant_title ?? undefined })), postponedUntil: until.toISOString(), skipped: false },
    }).catch(() => undefined)
    return { outcome: "postponed_out_of_stock" as const, run_id: run.id }
  }
  await service.updateSubscriptionRuns({ id: run.id, status: "skipped", next_retry_at: null, unavailable: unavailableJson, error: "out of stock" })
  const { after } = await service.applyAction({ id: sub.id, action: { type: "period_skipped" }, actor: { type: "system" }, now, detail: { period: run.period, reason: "out_of_stock" } })
  await sendSubscriptionEmail(container, {
    key: `replenishment:unavailable:${run.key}:skipped`,
    template: "replenishment-items-unavailable",
    subscription: forEmail(sub),
    data: {
      items: unavailable.map((u) => ({ title: u.title, variantTitle: u.variant_title ?? undefined })),
      skipped: true,
      nextRenewalDate: after.period_at.toISOString(),
    },
  }).catch(() => undefined)
  return { outcome: "skipped_out_of_stock" as const, run_id: run.id }
}

/** Items in stock in the subscription's sales channel (or not inventory-managed, or backorderable). */
async function availableItems(container: MedusaContainer, sub: SubscriptionRow) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const items = asItems(sub.items)
  const ids = items.map((i) => i.variant_id)
  const { data } = await query.graph({ entity: "product_variant", fields: ["id", "manage_inventory", "allow_backorder", "deleted_at"], filters: { id: ids } })
  const variants = new Map((data as { id: string; manage_inventory: boolean; allow_backorder: boolean }[]).map((v) => [v.id, v]))
  const managed = ids.filter((id) => variants.get(id)?.manage_inventory && !variants.get(id)?.allow_backorder)
  const stock =
    managed.length && sub.sales_channel_id
      ? await getVariantAvailability(query, { variant_ids: managed, sales_channel_id: sub.sales_channel_id })
      : {}
  const ok: SubscriptionItem[] = []
  const unavailable: { variant_id: string; title: string; variant_title?: string | null }[] = []
  for (const item of items) {
    const variant = variants.get(item.variant_id)
    const inStock = variant && (!managed.includes(item.variant_id) || Number(stock[item.variant_id]?.availability ?? 0) >= item.quantity)
    if (inStock) ok.push(item)
    else unavailable.push({ variant_id: item.variant_id, title: item.title, variant_title: item.variant_title ?? null })
  }
  return { items: ok, unavailable }
}

type LoadedCart = {
  total: number
  hasShipping: boolean
  paymentCollectionId: string | null
  promotionCodes: string[]
  variantIds: string[]
  items: { title: string; variantTitle?: string; quantity: number; total: number }[]
}

async function loadCart(container: MedusaContainer, cartId: string): Promise<LoadedCart> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "total", "shipping_methods.id", "payment_collection.id", "promotions.code", "items.variant_id", "items.title", "items.variant_title", "items.quantity", "items.total"],
    filters: { id: cartId },
  })
  const cart = data[0] as Record<string, any>
  const items = (cart?.items ?? []) as Record<string, any>[]
  return {
    total: Number(cart?.total ?? 0),
    hasShipping: (cart?.shipping_methods ?? []).length > 0,
    paymentCollectionId: cart?.payment_collection?.id ?? null,
    promotionCodes: ((cart?.promotions ?? []) as { code?: string }[]).map((p) => p.code ?? "").filter(Boolean),
    variantIds: items.map((i) => String(i.variant_id)),
    items: items.map((i) => ({ title: i.title, variantTitle: i.variant_title ?? undefined, quantity: Number(i.quantity), total: Number(i.total ?? 0) })),
  }
}

/**
 * The subscribe-and-save discount as a single-use promotion for this customer on the
 * subscribed variants, created once per key (a renewal's run, a first order's cart: the code
 * derives from it) and applied to the cart. Never from a shopper's metadata alone.
 */
export async function applySubscribeAndSave(
  container: MedusaContainer,
  input: { cart_id: string; key: string; customer_id: string; percent: number; variant_ids: string[] }
) {
  const promotions = container.resolve(Modules.PROMOTION)
  const code = subscribeAndSaveCode(input.key)
  const [existing] = await promotions.listPromotions({ code }, { select: ["id"] })
  if (!existing) {
    await createPromotionsWorkflow(container).run({
      input: {
        promotionsData: [
          {
            code,
            type: "standard",
            status: "active",
            is_automatic: false,
            limit: 1,
            application_method: {
              type: "percentage",
              target_type: "items",
              allocation: "each",
              // Every unit of a subscribed variant (quantities are capped at 100 per line).
              max_quantity: 10_000,
              value: input.percent,
              target_rules: [{ attribute: "variant_id", operator: "in", values: [...new Set(input.variant_ids)] }],
            },
            rules: [{ attribute: "customer.id", operator: "eq", values: [input.customer_id] }],
            metadata: { source: "retention-replenishment", key: input.key },
          },
        ],
      },
    })
  }
  await updateCartPromotionsWorkflow(container).run({ input: { cart_id: input.cart_id, promo_codes: [code], action: PromotionActions.ADD } })
}

/** The one-off promotion code of a subscribe-and-save key (a run id, or a cart's variants and percent). */
export function subscribeAndSaveCode(key: string): string {
  return `SUBSAVE-${key.replace(/^[a-z]+_/, "").toUpperCase()}`
}

function addressInput(value: unknown) {
  const a = (value ?? {}) as Record<string, unknown>
  const pick = (k: string) => (typeof a[k] === "string" && a[k] ? (a[k] as string) : undefined)
  return {
    first_name: pick("first_name"),
    last_name: pick("last_name"),
    company: pick("company"),
    address_1: pick("address_1"),
    address_2: pick("address_2"),
    city: pick("city"),
    province: pick("province"),
    postal_code: pick("postal_code"),
    country_code: pick("country_code"),
    phone: pick("phone"),
  }
}
