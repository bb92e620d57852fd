import { inHoldout, pickSplit } from "../../lib/flow-engine/split"
import type { FlowAudience, FlowKind, FlowStep } from "./flow-config"

// The pure decisions of the flow engine: who is held out, which subject a customer sees, when a
// step is due, what comes after a step, and when a customer has lapsed. Unit-tested on their own.
// Hashing is the shared engine's (lib/flow-engine/split), so every sequence splits the same way.

const HOUR = 3600_000
const DAY = 24 * HOUR

/** Holdout membership is fixed per (flow, customer, trigger): an entry never flips group. */
export function isFlowHoldout(flowId: string, customerId: string, triggerKey: string, holdoutPercent: number): boolean {
  return inHoldout(`flow-holdout:${flowId}:${customerId}:${triggerKey}`, holdoutPercent)
}

/** Subject variant of a step for a customer: an even, deterministic split. */
export function pickFlowVariant(flowId: string, customerId: string, stepIndex: number, variantCount: number): number {
  return pickSplit(`flow-variant:${flowId}:${customerId}:${stepIndex}`, variantCount)
}

/**
 * Whose emails a key names. The welcome series runs once per customer, so the customer is the
 * subject (`flow:<flow_id>:<customer_id>:<step>`); the other kinds run again on a new trigger (the
 * next order, next year's birthday, a lapse after a later order), so the trigger joins the
 * customer (`flow:<flow_id>:<customer_id>~<trigger_key>:<step>`) and a second thank-you is a new
 * email while a repeated one is the same.
 */
export function flowSubjectId(kind: FlowKind, customerId: string, triggerKey: string): string {
  return kind === "welcome" ? customerId : `${customerId}~${triggerKey}`
}

export function flowEmailKey(flowId: string, subjectId: string, stepNumber: number): string {
  return `flow:${flowId}:${subjectId}:${stepNumber}`
}

/** When step `stepIndex` is due: its delay counts from the entry's anchor. */
export function stepDueAt(anchorAt: Date, steps: FlowStep[], stepIndex: number): Date | null {
  const step = steps[stepIndex]
  return step ? new Date(anchorAt.getTime() + step.delay_hours * HOUR) : null
}

/**
 * After a step is handled (sent, skipped, failed for good): the next step's time (an overdue
 * one goes on the next tick), or the end of the entry.
 */
export function advanceEntry(input: { stepIndex: number; steps: FlowStep[]; anchorAt: Date; now: Date }):
  | { step: number; next_action_at: Date; done: false }
  | { step: number; next_action_at: null; done: true } {
  const next = input.stepIndex + 1
  const due = stepDueAt(input.anchorAt, input.steps, next)
  if (!due) return { step: next, next_action_at: null, done: true }
  return { step: next, next_action_at: due < input.now ? input.now : due, done: false }
}

export type CustomerFacts = { customer_group_ids: string[]; segments: string[] }

/** Whether a customer is in a flow's audience; null when they are, else the reason they are not. */
export function flowAudienceMismatch(audience: FlowAudience | null | undefined, facts: CustomerFacts): string | null {
  if (!audience) return null
  if (audience.customer_group_ids.length && !facts.customer_group_ids.some((g) => audience.customer_group_ids.includes(g))) {
    return "customer_group"
  }
  if (audience.exclude_customer_group_ids.some((g) => facts.customer_group_ids.includes(g))) return "excluded_customer_group"
  if (audience.segments.length && !facts.segments.some((s) => (audience.segments as string[]).includes(s))) return "segment"
  return null
}

/** The median of some numbers (mean of the middle two for an even count); null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * When a customer counts as lapsed: their own median gap between orders (the store's median gap
 * for a one-order customer) times the factor, never sooner than `minDays` after the last order.
 */
export function lapseAt(input: {
  lastOrderAt: Date
  ownMedianGapDays: number | null
  storeMedianGapDays: number | null
  factor: number
  minDays: number
}): Date {
  const gap = input.ownMedianGapDays ?? input.storeMedianGapDays
  const days = Math.max(input.minDays, gap === null ? input.minDays : gap * input.factor)
  return new Date(input.lastOrderAt.getTime() + days * DAY)
}
