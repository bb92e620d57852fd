import type { MedusaContainer } from "@medusajs/framework/types"
import { chooseEmailLocale } from "../../lib/email-locale"
import { RETENTION_REPLENISHMENT_MODULE } from "../../modules/replenishment"
import type ReplenishmentModuleService from "../../modules/replenishment/service"
import { RETENTION_SETTINGS_MODULE } from "../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../modules/retention-settings/service"
import { sendRetentionEmailsWorkflow } from "../messaging/send-retention-emails"
import type { SendEmailResult } from "../messaging/types"

export type SubscriptionEmailTemplate =
  | "replenishment-reminder"
  | "replenishment-renewal-placed"
  | "replenishment-payment-failed"
  | "replenishment-subscription-changed"
  | "replenishment-items-unavailable"

export type SubscriptionForEmail = {
  id: string
  customer_id: string
  email: string
  locale: string | null
  shipping_address: Record<string, unknown> | null
  items: { title: string; variant_title?: string | null; quantity: number }[]
}

/** The storefront page for one subscription, from the brand's storefront URL and the option's path. */
export function storefrontPath(storefrontUrl: string, template: string, subscriptionId: string): string {
  const path = template.replace("{id}", encodeURIComponent(subscriptionId))
  if (/^https?:\/\//.test(path)) return path
  return `${storefrontUrl.replace(/\/$/, "")}/${path.replace(/^\//, "")}`
}

/**
 * Sends one subscription email through the messaging core under a deterministic key (the same
 * key never sends twice), in the subscription's language: its own, else its shipping country's.
 * Adds the manage URL every subscription email carries.
 */
export async function sendSubscriptionEmail(
  container: MedusaContainer,
  input: { key: string; template: SubscriptionEmailTemplate; subscription: SubscriptionForEmail; data: Record<string, unknown>; customerName?: string | null }
): Promise<SendEmailResult | null> {
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const replenishment: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const brand = (await settings.getSection("brand")).values
  const sub = input.subscription
  const country = (sub.shipping_address?.country_code as string | undefined) ?? null
  const locale = chooseEmailLocale({ customerLocale: sub.locale, shippingCountry: country }, brand)
  const { result } = await sendRetentionEmailsWorkflow(container).run({
    input: {
      messages: [
        {
          idempotency_key: input.key,
          template: input.template,
          to: sub.email,
          customer_id: sub.customer_id,
          country_code: country,
          locales: [locale],
          data: {
            customerName: input.customerName ?? undefined,
            manageUrl: storefrontPath(brand.storefrontUrl, replenishment.options.replenishment.manageUrl, sub.id),
            ...input.data,
          },
        },
      ],
    },
  })
  return result[0] ?? null
}

/** Items as the templates show them. */
export function emailItems(items: SubscriptionForEmail["items"]) {
  return items.map((i) => ({ title: i.title, variantTitle: i.variant_title ?? undefined, quantity: i.quantity }))
}
