import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import { parseSteps } from "../../../modules/cart-recovery/campaign-config"
import { advance } from "../../../modules/cart-recovery/sequence"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"
import type { SendEmailResult } from "../../messaging/types"
import type { RecoveryPromotion } from "./ensure-recovery-promotion"
import type { RecoveryPlan } from "./plan-recovery-step"

export const recordRecoveryOutcomeStepId = "record-cart-recovery-outcome"

const SENT = ["sent", "delivered", "opened", "clicked"]
// A message another worker holds right now: look again soon.
const RETRY_MINUTES = 10

export type RecoveryOutcome = { tracked_cart_id: string; step: number; outcome: string; next_action_at: Date | null }

/**
 * Writes what happened to a due cart: the send record for the step and the cart's next state
 * (next step, wait, retry, or the end of the sequence). Runs after the email, so it cannot be
 * compensated by unsending; a crash before it leaves the lease to expire and the next tick
 * finds the email already logged under the same key (nothing is sent twice).
 */
export const recordRecoveryOutcomeStep = createStep(
  recordRecoveryOutcomeStepId,
  async (
    input: { plan: RecoveryPlan; promotion?: RecoveryPromotion | null; results?: SendEmailResult[] | null; now: Date },
    { container }
  ) => {
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const now = new Date(input.now)
    const { plan } = input
    const tracked = await service.retrieveTrackedCart(plan.tracked_cart_id)
    const [campaign] = plan.campaign_id ? await service.listRecoveryCampaigns({ id: plan.campaign_id }) : []
    const steps = campaign ? parseSteps(campaign.steps) : []
    const stepNumber = plan.step_index + 1
    const key = `cart-recovery:${plan.cart_id}:${stepNumber}`
    const abandoned_at = tracked.abandoned_at ?? now
    const result = (outcome: string, next_action_at: Date | null) =>
      new StepResponse<RecoveryOutcome>({ tracked_cart_id: tracked.id, step: stepNumber, outcome, next_action_at })

    const recordSend = async (values: Record<string, unknown>) => {
      const [existing] = await service.listRecoverySends({ idempotency_key: key })
      if (existing?.status === "sent") {
        // Already recorded as sent (a repeated tick): the first record stands.
        return
      }
      if (existing) {
        await service.updateRecoverySends({ id: existing.id, ...values })
      } else {
        await service.createRecoverySends({
          idempotency_key: key,
          cart_id: plan.cart_id,
          campaign_id: plan.campaign_id ?? "",
          email: tracked.email,
          step: stepNumber,
          variant: plan.variant ?? 0,
          subject: plan.subject ?? null,
          ...values,
        })
      }
    }
    const moveOn = async (lastSentAt: Date | null, extra: Record<string, unknown> = {}) => {
      const next = advance({
        stepIndex: plan.step_index,
        steps,
        lastActivityAt: new Date(tracked.last_activity_at),
        lastSentAt,
        attributionWindowDays: campaign?.attribution_window_days ?? 7,
        now,
      })
      await service.updateTrackedCarts({ id: tracked.id, abandoned_at, attempts: 0, ...next, ...extra })
      return next.next_action_at
    }

    switch (plan.action) {
      case "stop":
        await service.updateTrackedCarts({ id: tracked.id, next_action_at: null })
        return result(`stopped:${plan.reason}`, null)
      case "wait": {
        const until = new Date(plan.wait_until ?? now)
        await service.updateTrackedCarts({ id: tracked.id, next_action_at: until, abandoned_at })
        return result(`waiting:${plan.reason}`, until)
      }
      case "expire":
        await service.updateTrackedCarts({ id: tracked.id, status: "expired", next_action_at: null })
        return result("expired", null)
      case "close":
        await service.updateTrackedCarts({
          id: tracked.id,
          status: plan.close_status ?? "expired",
          next_action_at: null,
          ...(plan.order && !tracked.order_id
            ? { order_id: plan.order.id, order_total: plan.order.total, ordered_at: new Date(plan.order.created_at) }
            : {}),
        })
        return result(`closed:${plan.reason}`, null)
      case "holdout": {
        // Kept out of every email; watched for an order over the attribution window.
        const window = (campaign?.attribution_window_days ?? 7) * 86400_000
        const until = new Date(now.getTime() + window)
        await service.updateTrackedCarts({ id: tracked.id, status: "abandoned", abandoned_at, current_step: steps.length, next_action_at: until })
        return result("holdout", until)
      }
      case "skip_step": {
        await recordSend({ status: "skipped", status_reason: plan.reason })
        const next = await moveOn(tracked.last_sent_at ? new Date(tracked.last_sent_at) : null, {
          status: tracked.status === "active" ? "abandoned" : tracked.status,
        })
        return result(`skipped:${plan.reason}`, next)
      }
      case "send":
        break
    }

    const sent = input.results?.[0]
    const promo = input.promotion
      ? { promotion_id: input.promotion.promotion_id, promotion_code: input.promotion.code, promotion_expires_at: new Date(input.promotion.expires_at) }
      : {}
    if (sent && SENT.includes(sent.status)) {
      await recordSend({ status: "sent", status_reason: null, message_id: sent.message_id, sent_at: now, ...promo })
      const variants = { ...((tracked.variants as Record<string, number> | null) ?? {}), [String(plan.step_index)]: plan.variant ?? 0 }
      const next = await moveOn(now, { status: "emailed", last_sent_at: now, variants })
      return result("sent", next)
    }
    if (sent?.status === "retrying" && sent.retry_at) {
      // A temporary provider failure (SendGrid 5xx, 429, network): the messaging retry policy
      // says when to try again, for up to a day. The same step comes back then with the same
      // key, after the live cart is re-checked; the step is failed only once that window is over.
      const until = new Date(sent.retry_at)
      await service.updateTrackedCarts({ id: tracked.id, next_action_at: until, abandoned_at })
      return result("retry:provider", until)
    }
    if (sent?.status === "deferred" && sent.deferred_until) {
      // The shared send policy said "not now" (quiet hours, frequency cap): same step, same key, later.
      const until = new Date(sent.deferred_until)
      await service.updateTrackedCarts({ id: tracked.id, next_action_at: until, abandoned_at })
      return result(`deferred:${sent.reason}`, until)
    }
    if (sent?.status === "suppressed") {
      if (sent.reason?.startsWith("paused:")) {
        // A deliverability pause is lifted by an admin: look again later.
        const until = new Date(now.getTime() + 60 * 60_000)
        await service.updateTrackedCarts({ id: tracked.id, next_action_at: until, abandoned_at })
        return result(`paused:${sent.reason}`, until)
      }
      await recordSend({ status: "skipped", status_reason: sent.reason, message_id: sent.message_id })
      await service.updateTrackedCarts({ id: tracked.id, status: "opted_out", next_action_at: null, abandoned_at })
      return result(`opted_out:${sent.reason}`, null)
    }
    if (sent?.status === "in_progress") {
      // Another worker holds this message right now (or died holding it; the messaging core
      // settles that): not an attempt of ours, look again soon.
      const until = new Date(now.getTime() + RETRY_MINUTES * 60_000)
      await service.updateTrackedCarts({ id: tracked.id, next_action_at: until, abandoned_at })
      return result("retry:in_progress", until)
    }
    if (sent?.status === "failed" || sent?.status === "bounced" || sent?.status === "unknown" || tracked.attempts + 1 >= (campaign?.max_attempts ?? 3)) {
      await recordSend({ status: "failed", status_reason: sent?.reason ?? sent?.status ?? "no_result", message_id: sent?.message_id ?? null })
      if (campaign?.on_step_failure === "stop") {
        await service.updateTrackedCarts({ id: tracked.id, next_action_at: null, abandoned_at, attempts: tracked.attempts + 1 })
        return result("failed:stopped", null)
      }
      const next = await moveOn(tracked.last_sent_at ? new Date(tracked.last_sent_at) : null)
      return result("failed:next_step", next)
    }
    // No usable answer (no result, a row left queued): look again soon, counting the attempt up
    // to the campaign's max_attempts. Provider outages do not come here: they are "retrying".
    const attempts = tracked.attempts + 1
    const until = new Date(now.getTime() + RETRY_MINUTES * 60_000 * attempts)
    await service.updateTrackedCarts({ id: tracked.id, attempts, next_action_at: until, abandoned_at })
    return result(`retry:${sent?.status ?? "none"}`, until)
  }
)
