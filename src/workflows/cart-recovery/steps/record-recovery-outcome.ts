import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decideSendOutcome } from "../../../lib/flow-engine/send-outcome"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../modules/cart-recovery"
import { parseSteps } from "../../../modules/cart-recovery/campaign-config"
import { advance } from "../../../modules/cart-recovery/sequence"
import type CartRecoveryModuleService from "../../../modules/cart-recovery/service"
import type { SendEmailResult } from "../../messaging/types"
import type { RecoveryPromotion } from "./ensure-recovery-promotion"
import type { RecoveryPlan } from "./plan-recovery-step"

export const recordRecoveryOutcomeStepId = "record-cart-recovery-outcome"

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

    const promo = input.promotion
      ? { promotion_id: input.promotion.promotion_id, promotion_code: input.promotion.code, promotion_expires_at: new Date(input.promotion.expires_at) }
      : {}
    // What the send result means is the shared engine's (lib/flow-engine/send-outcome); what it
    // does to the cart, and "stop" on a failed step, are this program's.
    const decision = decideSendOutcome({ result: input.results?.[0], attempts: tracked.attempts, maxAttempts: campaign?.max_attempts ?? 3, now })
    switch (decision.kind) {
      case "sent": {
        await recordSend({ status: "sent", status_reason: null, message_id: decision.message_id, sent_at: now, ...promo })
        const variants = { ...((tracked.variants as Record<string, number> | null) ?? {}), [String(plan.step_index)]: plan.variant ?? 0 }
        const next = await moveOn(now, { status: "emailed", last_sent_at: now, variants })
        return result("sent", next)
      }
      case "later":
        // Same step, same key, later, after the live cart is re-checked.
        await service.updateTrackedCarts({ id: tracked.id, next_action_at: decision.until, abandoned_at })
        return result(decision.outcome, decision.until)
      case "opted_out":
        await recordSend({ status: "skipped", status_reason: decision.status_reason, message_id: decision.message_id })
        await service.updateTrackedCarts({ id: tracked.id, status: "opted_out", next_action_at: null, abandoned_at })
        return result(decision.outcome, null)
      case "failed": {
        await recordSend({ status: "failed", status_reason: decision.status_reason, message_id: decision.message_id })
        if (campaign?.on_step_failure === "stop") {
          await service.updateTrackedCarts({ id: tracked.id, next_action_at: null, abandoned_at, attempts: tracked.attempts + 1 })
          return result("failed:stopped", null)
        }
        const next = await moveOn(tracked.last_sent_at ? new Date(tracked.last_sent_at) : null)
        return result("failed:next_step", next)
      }
      case "retry":
        // Counted up to the campaign's max_attempts.
        await service.updateTrackedCarts({ id: tracked.id, attempts: decision.attempts, next_action_at: decision.until, abandoned_at })
        return result(decision.outcome, decision.until)
    }
  }
)
