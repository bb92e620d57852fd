import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import {
  discountForCurrency,
  parseBudget,
  parseFilters,
  parseQuietHours,
  parseSteps,
  StepDiscount,
} from "../../../modules/cart-recovery/campaign-config"
import type { TrackedCartStatus } from "../../../modules/cart-recovery/models/tracked-cart"
import { audienceMismatch, capFreesAt, isOpen } from "../../../modules/cart-recovery/sequence"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import { chooseEmailLocale } from "../../../lib/email-locale"
import type { SendEmailInput } from "../../messaging/types"
import { composeRecoveryEmail, purchasableItems } from "../utils/compose-recovery-email"
import { customerSegments } from "../utils/customer-segments"
import { loadLiveCart } from "../utils/load-live-cart"

export const planRecoveryStepStepId = "plan-cart-recovery-step"

export type RecoveryPlan = {
  tracked_cart_id: string
  cart_id: string
  campaign_id: string | null
  // The campaign's own name (a plan to send): names the Medusa campaign holding its codes.
  campaign_name?: string | null
  // 0-based index into the campaign's steps; the email key and the admin use index + 1.
  step_index: number
  action: "send" | "holdout" | "skip_step" | "close" | "stop" | "wait" | "expire"
  reason: string | null
  close_status?: TrackedCartStatus
  order?: { id: string; total: number; created_at: string }
  wait_until?: string
  variant?: number
  subject?: string | null
  message?: SendEmailInput
  discount?: StepDiscount & { code: string; currency_code: string; customer_id: string | null; email: string; budget: number | null }
}

type Row = Record<string, unknown>

async function orderSince(container: Parameters<typeof loadLiveCart>[0], emails: string[], since: Date) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "total", "created_at"],
    filters: { email: [...new Set(emails)], created_at: { $gte: since } },
  })
  const order = data[0] as Row | undefined
  return order ? { id: String(order.id), total: Number(order.total ?? 0), created_at: new Date(String(order.created_at)).toISOString() } : null
}

/**
 * Decides what a due cart gets, from live data read just before the send: the cart must still
 * be open with items, no order by the same email since it went quiet, items still purchasable,
 * the campaign active and its per-address cap free. Reads only; the outcome step writes.
 */
export const planRecoveryStepStep = createStep(
  planRecoveryStepStepId,
  async (input: { tracked_cart_id: string; now: Date }, { container }) => {
    const now = new Date(input.now)
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const tracked = await service.retrieveTrackedCart(input.tracked_cart_id)
    const plan: RecoveryPlan = {
      tracked_cart_id: tracked.id,
      cart_id: tracked.cart_id,
      campaign_id: tracked.campaign_id,
      step_index: tracked.current_step,
      action: "stop",
      reason: null,
    }
    const done = (patch: Partial<RecoveryPlan>) => new StepResponse<RecoveryPlan>({ ...plan, ...patch })

    if (!isOpen(tracked.status as TrackedCartStatus) || !tracked.campaign_id) {
      return done({ action: "stop", reason: "not_open" })
    }
    const [campaign] = await service.listRecoveryCampaigns({ id: tracked.campaign_id })
    if (!campaign) return done({ action: "stop", reason: "campaign_gone" })
    if (campaign.status !== "active") {
      // Paused between the claim and now: stay due, so the cart resumes when it is activated.
      return done({ action: "wait", reason: "campaign_paused", wait_until: now.toISOString() })
    }
    const steps = parseSteps(campaign.steps)
    const step = steps[tracked.current_step]
    if (!step) {
      // End of the sequence (or of a holdout cart's watch): an order since then still counts.
      const order = await orderSince(container, [tracked.email], new Date(tracked.last_activity_at))
      if (order) return done({ action: "close", close_status: "converted", reason: "ordered", order })
      return done({ action: "expire", reason: "sequence_done" })
    }

    const cart = await loadLiveCart(container, tracked.cart_id)
    if (!cart) return done({ action: "close", close_status: "expired", reason: "cart_gone" })
    if (cart.completed_at) return done({ action: "close", close_status: "converted", reason: "cart_completed" })
    if (!cart.items.length || !cart.email) return done({ action: "stop", reason: "cart_empty" })

    const order = await orderSince(container, [cart.email, tracked.email], new Date(tracked.last_activity_at))
    if (order) return done({ action: "close", close_status: "converted", reason: "ordered", order })

    if (tracked.holdout) return done({ action: "holdout", reason: "holdout" })

    const mismatch = audienceMismatch(parseFilters(campaign.filters), {
      currency_code: cart.currency_code,
      value: cart.item_total,
      region_id: cart.region_id,
      sales_channel_id: cart.sales_channel_id,
      customer_group_ids: (cart.customer?.groups ?? []).map((g) => g.id),
      segments: await customerSegments(container, cart.customer_id, cart.currency_code),
    })
    if (mismatch) return done({ action: "stop", reason: `audience:${mismatch}` })

    const items = await purchasableItems(container, cart)
    if (!items.length) return done({ action: "skip_step", reason: "out_of_stock" })

    const sentAts = await service.recentSendTimes({
      email: tracked.email,
      campaign_id: campaign.id,
      since: new Date(now.getTime() - campaign.cap_window_hours * 3600_000),
      // This cart's own earlier steps do not count: see recentSendTimes.
      exclude_cart_id: tracked.cart_id,
    })
    const freesAt = capFreesAt(sentAts, campaign.cap_per_address, campaign.cap_window_hours, now)
    if (freesAt) return done({ action: "wait", reason: "campaign_cap", wait_until: freesAt.toISOString() })

    const stepNumber = tracked.current_step + 1
    const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
    const locale = chooseEmailLocale(
      {
        customerLocale: cart.customer?.locale,
        storefrontLocale: cart.locale,
        shippingCountry: cart.shipping_address?.country_code,
        billingCountry: cart.billing_address?.country_code,
        regionCountries: cart.region_countries,
      },
      (await settings.getSection("brand")).values
    )
    const email = await composeRecoveryEmail(container, { cart, stepIndex: tracked.current_step, step, items, now, locale })
    const budget = parseBudget(campaign.discount_budget)?.[cart.currency_code.toLowerCase()] ?? null

    return done({
      action: "send",
      campaign_name: campaign.name,
      variant: email.variant,
      subject: email.subject,
      message: {
        idempotency_key: `cart-recovery:${cart.id}:${stepNumber}`,
        template: step.template,
        to: cart.email,
        customer_id: cart.customer_id,
        campaign_id: campaign.id,
        locales: [locale],
        country_code: cart.shipping_address?.country_code ?? null,
        quiet_hours: parseQuietHours(campaign.quiet_hours),
        data: email.data,
      },
      discount: discountForCurrency(step.discount, cart.currency_code)
        ? {
            ...step.discount!,
            code: service.discountCodeFor(cart.id, stepNumber),
            currency_code: cart.currency_code,
            customer_id: cart.customer_id,
            email: cart.email,
            budget,
          }
        : undefined,
    })
  }
)
