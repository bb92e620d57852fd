import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, getVariantAvailability, QueryContext } from "@medusajs/framework/utils"
import type { Locale } from "../../../emails/locales"
import { plausibleName } from "../../../emails/recipient-name"
import type { CartReminderItem } from "../../../emails/templates/cart-reminder"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import type { CampaignStep } from "../../../modules/cart-recovery/campaign-config"
import { fillSubject, pickVariant } from "../../../modules/cart-recovery/sequence"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import type { LiveCart } from "./load-live-cart"

// Items with at most this many units left get an "only N left" note.
const LOW_STOCK_THRESHOLD = 5

type Row = Record<string, unknown>

/** Current prices of variants in the cart's region and currency (Medusa's pricing context). */
async function currentPrices(container: MedusaContainer, cart: LiveCart, variantIds: string[]) {
  if (!variantIds.length || !cart.region_id) return new Map<string, number>()
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.calculated_amount"],
    filters: { id: variantIds },
    context: { calculated_price: QueryContext({ region_id: cart.region_id, currency_code: cart.currency_code }) },
  })
  const prices = new Map<string, number>()
  for (const variant of data as Row[]) {
    const amount = (variant.calculated_price as Row | null | undefined)?.calculated_amount
    if (amount !== null && amount !== undefined) prices.set(String(variant.id), Number(amount))
  }
  return prices
}

/**
 * Items still purchasable, with "only N left" and price-drop notes. Out-of-stock and
 * unpublished items are dropped; a price that fell since the item was added is shown as such.
 */
export async function purchasableItems(container: MedusaContainer, cart: LiveCart): Promise<CartReminderItem[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const managed = cart.items
    .filter((i) => i.variant?.manage_inventory && !i.variant.allow_backorder)
    .map((i) => i.variant?.id)
    .filter((id): id is string => !!id)
  const availability =
    managed.length && cart.sales_channel_id
      ? await getVariantAvailability(query, { variant_ids: [...new Set(managed)], sales_channel_id: cart.sales_channel_id })
      : {}
  const prices = await currentPrices(
    container,
    cart,
    [...new Set(cart.items.map((i) => i.variant?.id).filter((id): id is string => !!id))]
  )
  const items: CartReminderItem[] = []
  for (const item of cart.items) {
    const variant = item.variant
    if (!variant || (variant.product?.status && variant.product.status !== "published")) continue
    const left = managed.includes(variant.id) ? availability[variant.id]?.availability ?? 0 : null
    if (left !== null && left <= 0) continue
    const now = prices.get(variant.id)
    // Half a cent of tolerance: rounding must not read as a price drop.
    const dropped = now !== undefined && now < item.unit_price - 0.005
    items.push({
      title: item.title,
      variantTitle: item.variant_title ?? undefined,
      quantity: item.quantity,
      unitPrice: dropped ? now : item.unit_price,
      total: dropped ? now * item.quantity : item.total,
      imageUrl: item.thumbnail ?? undefined,
      lowStock: left !== null && left <= LOW_STOCK_THRESHOLD ? left : undefined,
      previousPrice: dropped ? item.unit_price : undefined,
    })
  }
  return items
}

/**
 * The template data of one recovery email for a live cart: its purchasable items, the subject
 * variant this cart gets for the step and the signed recovery link. Shared by the scheduler and
 * the admin's preview on a real cart, so the preview shows what would be sent.
 */
export async function composeRecoveryEmail(
  container: MedusaContainer,
  input: { cart: LiveCart; stepIndex: number; step: CampaignStep; items?: CartReminderItem[]; now: Date; locale: Locale }
): Promise<{ variant: number; subject: string | null; data: Record<string, unknown> }> {
  const { cart, step, stepIndex } = input
  const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const brand = (await settings.getSection("brand")).values
  const items = input.items ?? (await purchasableItems(container, cart))
  const variant = pickVariant(cart.id, stepIndex, step.subjects.length)
  // A name from the shopper's own account may be in the subject; one typed into the cart's
  // address (any guest can) only in the greeting. Both must look like a personal name
  // (plausibleName); see the README, "Names in recovery emails".
  const customerName = cart.customer?.has_account ? plausibleName(cart.customer.first_name) : undefined
  const greetingName = customerName ?? plausibleName(cart.shipping_address?.first_name)
  // A campaign's subject lines are written once, in the store's own language: an email in
  // another language keeps its template's translated subject rather than mixing languages.
  const ownSubjects = input.locale === brand.defaultLocale
  const subject = step.subjects.length && ownSubjects ? fillSubject(step.subjects[variant], { customerName, storeName: brand.storeName }) : null
  return {
    variant,
    subject,
    data: {
      customerName,
      greetingName,
      items,
      currency: cart.currency_code,
      subtotal: items.reduce((sum, i) => sum + i.total, 0),
      recoveryUrl: service.recoveryUrl({ c: cart.id, st: stepIndex + 1 }, input.now),
      ...(subject ? { subjectLine: subject } : {}),
    },
  }
}
