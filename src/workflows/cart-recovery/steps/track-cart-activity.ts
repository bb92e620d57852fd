import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import { parseFilters, parseSteps } from "../../../modules/cart-recovery/campaign-config"
import type { TrackedCartStatus } from "../../../modules/cart-recovery/models/tracked-cart"
import { audienceMismatch, isHoldout, isOpen, scheduleAfterActivity } from "../../../modules/cart-recovery/sequence"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"
import { customerSegments } from "../utils/customer-segments"
import { loadLiveCart } from "../utils/load-live-cart"

export const trackCartActivityStepId = "track-cart-activity"

export type TrackCartActivityResult = {
  action: "ignored" | "tracked" | "stopped"
  reason?: string
  tracked_cart_id?: string
  campaign_id?: string | null
  next_action_at?: Date | null
}

type CampaignRow = {
  id: string
  status: string
  steps: unknown
  filters: unknown
  holdout_percent: number
  on_activity: "restart" | "continue"
}

/**
 * Reads the live cart and upserts its tracking row: a cart with an email and at least one item
 * is tracked, and this activity reschedules its sequence as the campaign says. Safe to repeat:
 * the row is keyed by cart id (unique), and a repeated event only moves the clock to the same
 * place. No compensation: the row reflects the cart, and the next event rewrites it anyway.
 */
export const trackCartActivityStep = createStep(
  trackCartActivityStepId,
  async (input: { cart_id: string; at: Date }, { container }) => {
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const at = new Date(input.at)
    const cart = await loadLiveCart(container, input.cart_id)
    const [existing] = await service.listTrackedCarts({ cart_id: input.cart_id })

    if (!cart || cart.completed_at) {
      return new StepResponse<TrackCartActivityResult>({ action: "ignored", reason: cart ? "completed" : "not_found" })
    }
    if (cart.is_renewal) {
      // A subscription renewal is placed by the plugin itself, never abandoned by a shopper.
      return new StepResponse<TrackCartActivityResult>({ action: "ignored", reason: "renewal" })
    }
    const email = cart.email?.trim().toLowerCase()
    if (existing && !isOpen(existing.status as TrackedCartStatus)) {
      return new StepResponse<TrackCartActivityResult>({ action: "ignored", reason: `finished:${existing.status}`, tracked_cart_id: existing.id })
    }
    if (!email || !cart.items.length) {
      if (existing && existing.next_action_at) {
        // Emptied (or lost its email): nothing to remind about until items come back.
        await service.updateTrackedCarts({ id: existing.id, next_action_at: null, last_activity_at: at })
        return new StepResponse<TrackCartActivityResult>({ action: "stopped", tracked_cart_id: existing.id })
      }
      return new StepResponse<TrackCartActivityResult>({ action: "ignored", reason: email ? "no_items" : "no_email" })
    }

    await service.ensureDefaultCampaign()
    const facts = {
      currency_code: cart.currency_code,
      value: cart.item_total,
      region_id: cart.region_id,
      sales_channel_id: cart.sales_channel_id,
      customer_group_ids: (cart.customer?.groups ?? []).map((g) => g.id),
      segments: await customerSegments(container, cart.customer_id, cart.currency_code),
    }

    // A cart already in a sequence keeps its campaign; a fresh one joins the first active
    // campaign (by the merchant's priority, then age) whose audience it matches.
    let campaign: CampaignRow | undefined
    if (existing?.campaign_id && existing.status !== "active") {
      ;[campaign] = (await service.listRecoveryCampaigns({ id: existing.campaign_id })) as CampaignRow[]
    } else {
      const active = (await service.listRecoveryCampaigns({ status: "active" }, { order: { priority: "ASC", created_at: "ASC" } })) as CampaignRow[]
      campaign = active.find((c) => audienceMismatch(parseFilters(c.filters), facts) === null)
      if (!campaign && existing?.campaign_id) {
        // Its campaign is paused: stay in it, so the cart continues when it is activated again.
        const [current] = (await service.listRecoveryCampaigns({ id: existing.campaign_id, status: "paused" })) as CampaignRow[]
        if (current && audienceMismatch(parseFilters(current.filters), facts) === null) campaign = current
      }
    }

    const base = {
      email,
      customer_id: cart.customer_id,
      currency_code: cart.currency_code,
      value: cart.item_total,
      region_id: cart.region_id,
      sales_channel_id: cart.sales_channel_id,
    }
    const sameCampaign = !!campaign && existing?.campaign_id === campaign.id
    let schedule: { status: TrackedCartStatus; current_step: number; next_action_at: Date | null; last_activity_at: Date } = {
      status: existing ? (existing.status as TrackedCartStatus) : "active",
      current_step: existing?.current_step ?? 0,
      next_action_at: null,
      last_activity_at: at,
    }
    let holdout = existing?.holdout ?? false
    if (campaign) {
      schedule = scheduleAfterActivity({
        status: sameCampaign ? schedule.status : "active",
        currentStep: sameCampaign ? schedule.current_step : 0,
        steps: parseSteps(campaign.steps),
        onActivity: campaign.on_activity,
        at,
        lastActivityAt: existing?.last_activity_at ? new Date(existing.last_activity_at) : null,
        nextActionAt: existing?.next_action_at ? new Date(existing.next_action_at) : null,
      })
      if (!sameCampaign) {
        holdout = isHoldout(campaign.id, cart.id, campaign.holdout_percent)
      }
    }
    const values = { ...base, ...schedule, campaign_id: campaign?.id ?? null, holdout, attempts: 0 }

    let id = existing?.id
    let created = false
    if (!id) {
      try {
        id = (await service.createTrackedCarts({ cart_id: cart.id, ...values })).id
        created = true
      } catch (e) {
        // The same event delivered twice at once: the other delivery created the row (unique
        // cart_id); fall through and update it like any later activity.
        const [raced] = await service.listTrackedCarts({ cart_id: cart.id })
        if (!raced) throw e
        id = raced.id
      }
    }
    if (!created) {
      await service.updateTrackedCarts({ id, ...values })
    }
    return new StepResponse<TrackCartActivityResult>({
      action: "tracked",
      tracked_cart_id: id,
      campaign_id: campaign?.id ?? null,
      next_action_at: schedule.next_action_at,
    })
  }
)
