import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decideSendOutcome } from "../../../lib/flow-engine/send-outcome"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import { advanceEntry, flowEmailKey } from "../../../modules/flows/engine"
import { parseFlowSteps } from "../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../modules/flows/service"
import type { SendEmailResult } from "../../messaging/types"
import type { RecoveryPromotion } from "../../cart-recovery/steps/ensure-recovery-promotion"
import type { FlowPlan } from "./plan-flow-step"

export const recordFlowOutcomeStepId = "record-flow-outcome"

// Attempts before a step with no usable answer counts as failed.
const MAX_ATTEMPTS = 3

export type FlowOutcome = { entry_id: string; step: number; outcome: string; next_action_at: Date | null }

/**
 * Writes what happened to a due entry: the send record of the step and the entry's next state
 * (next step, wait, retry, completed or exited), as the cart-recovery outcome does. Runs after
 * the email, so it cannot be compensated by unsending; a crash before it leaves the entry due,
 * and the next tick finds the email already logged under the same key (nothing sent twice).
 */
export const recordFlowOutcomeStep = createStep(
  recordFlowOutcomeStepId,
  async (input: { plan: FlowPlan; promotion?: RecoveryPromotion | null; results?: SendEmailResult[] | null; now: Date }, { container }) => {
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    const now = new Date(input.now)
    const { plan } = input
    const entry = await flows.retrieveFlowEntry(plan.entry_id)
    const [flow] = await flows.listRetentionFlows({ id: plan.flow_id })
    const steps = flow ? parseFlowSteps(flow.steps) : []
    const stepNumber = plan.step_index + 1
    const key = flowEmailKey(plan.flow_id, plan.subject_id, stepNumber)
    const result = (outcome: string, next_action_at: Date | null) =>
      new StepResponse<FlowOutcome>({ entry_id: entry.id, step: stepNumber, outcome, next_action_at })

    const recordSend = async (values: Record<string, unknown>) => {
      const [existing] = await flows.listFlowSends({ idempotency_key: key })
      if (existing?.status === "sent") return
      if (existing) {
        await flows.updateFlowSends({ id: existing.id, ...values })
      } else {
        await flows.createFlowSends({
          idempotency_key: key,
          flow_id: plan.flow_id,
          entry_id: entry.id,
          customer_id: entry.customer_id,
          email: entry.email,
          step: stepNumber,
          variant: plan.variant ?? 0,
          subject: plan.subject ?? null,
          ...values,
        })
      }
    }
    const moveOn = async (extra: Record<string, unknown> = {}) => {
      const next = advanceEntry({ stepIndex: plan.step_index, steps, anchorAt: new Date(entry.anchor_at), now })
      await flows.updateFlowEntries({
        id: entry.id,
        attempts: 0,
        step: next.step,
        next_action_at: next.next_action_at,
        ...(next.done ? { state: "completed" as const, ended_at: now } : {}),
        ...extra,
      })
      return next.next_action_at
    }
    const exit = async (reason: string) => {
      await flows.updateFlowEntries({ id: entry.id, state: "exited", exit_reason: reason, next_action_at: null, ended_at: now })
      return result(`exited:${reason}`, null)
    }
    const later = async (until: Date, outcome: string, extra: Record<string, unknown> = {}) => {
      await flows.updateFlowEntries({ id: entry.id, next_action_at: until, ...extra })
      return result(outcome, until)
    }

    switch (plan.action) {
      case "stop":
        return result(`stopped:${plan.reason}`, null)
      case "wait":
        return await later(new Date(plan.wait_until ?? now), `waiting:${plan.reason}`)
      case "complete":
        await flows.updateFlowEntries({ id: entry.id, state: "completed", next_action_at: null, ended_at: now })
        return result("completed", null)
      case "exit":
        return await exit(plan.reason ?? "exit")
      case "send":
        break
    }

    const promo = input.promotion
      ? { promotion_id: input.promotion.promotion_id, promotion_code: input.promotion.code, promotion_expires_at: new Date(input.promotion.expires_at) }
      : {}
    // What the send result means is the shared engine's (lib/flow-engine/send-outcome); a failed
    // step goes on to the next one.
    const decision = decideSendOutcome({ result: input.results?.[0], attempts: entry.attempts, maxAttempts: MAX_ATTEMPTS, now })
    switch (decision.kind) {
      case "sent":
        await recordSend({ status: "sent", status_reason: null, message_id: decision.message_id, sent_at: now, ...promo })
        return result("sent", await moveOn({ last_sent_at: now }))
      case "later":
        return await later(decision.until, decision.outcome)
      case "opted_out":
        await recordSend({ status: "skipped", status_reason: decision.status_reason, message_id: decision.message_id })
        return await exit(decision.outcome)
      case "failed":
        await recordSend({ status: "failed", status_reason: decision.status_reason, message_id: decision.message_id })
        return result("failed:next_step", await moveOn())
      case "retry":
        return await later(decision.until, decision.outcome, { attempts: decision.attempts })
    }
  }
)
