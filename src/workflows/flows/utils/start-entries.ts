import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import { flowAudienceMismatch, isFlowHoldout } from "../../../modules/flows/engine"
import { FlowKind, FlowTrigger, parseAudience, parseFlowSteps, parseTrigger } from "../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../modules/flows/service"
import { customerSegments } from "../../cart-recovery/utils/customer-segments"

const HOUR = 3600_000
const DAY = 24 * HOUR

/** Someone a trigger found: the flow's kind decides the rest (anchor, holdout, audience). */
export type FlowCandidate = {
  customer_id: string
  email: string
  // What started it (see FlowEntry.trigger_key): a repeat of the same key starts nothing.
  trigger_key: string
  // The moment the trigger happened (sign-up, order, birthday run, lapse found).
  at: Date
  // Currency of the customer's last order, for RFM segments; absent: none.
  currency_code?: string | null
  context?: Record<string, unknown>
}

export type StartOutcome = { customer_id: string; trigger_key: string; flow_id: string | null; outcome: string }

/** Where a kind's step delays count from: post-purchase from the (assumed) delivery. */
function anchorFor(kind: FlowKind, trigger: FlowTrigger, at: Date): Date {
  return kind === "post_purchase" ? new Date(at.getTime() + trigger.assume_delivery_after_days * DAY) : at
}

/**
 * Starts each candidate on the first active flow of the kind (priority order) whose audience
 * takes them: holdout decided once, deterministically; the first step due its delay after the
 * anchor. The entry's unique key makes a repeated trigger a no-op ("duplicate").
 */
export async function startFlowEntries(
  container: Pick<MedusaContainer, "resolve">,
  kind: FlowKind,
  candidates: FlowCandidate[]
): Promise<StartOutcome[]> {
  if (!candidates.length) return []
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  await flows.ensureDefaultFlows()
  const active = (await flows.activeFlows(kind)).map((f) => ({
    flow: f,
    steps: parseFlowSteps(f.steps),
    trigger: parseTrigger(f.trigger),
    audience: parseAudience(f.audience),
  }))
  if (!active.length) return candidates.map((c) => ({ customer_id: c.customer_id, trigger_key: c.trigger_key, flow_id: null, outcome: "no_active_flow" }))

  const needsGroups = active.some((a) => a.audience.customer_group_ids.length || a.audience.exclude_customer_group_ids.length)
  const needsSegments = active.some((a) => a.audience.segments.length)
  const groupsOf = new Map<string, string[]>()
  if (needsGroups) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "groups.id"],
      filters: { id: [...new Set(candidates.map((c) => c.customer_id))] },
    })
    for (const c of data as { id: string; groups?: { id: string }[] | null }[]) groupsOf.set(c.id, (c.groups ?? []).map((g) => g.id))
  }

  const outcomes: StartOutcome[] = []
  for (const c of candidates) {
    const facts = {
      customer_group_ids: groupsOf.get(c.customer_id) ?? [],
      segments: needsSegments && c.currency_code ? await customerSegments(container, c.customer_id, c.currency_code) : [],
    }
    const chosen = active.find((a) => !flowAudienceMismatch(a.audience, facts))
    if (!chosen) {
      outcomes.push({ customer_id: c.customer_id, trigger_key: c.trigger_key, flow_id: null, outcome: "audience" })
      continue
    }
    const anchor = anchorFor(kind, chosen.trigger, c.at)
    const first = chosen.steps[0]
    const last = chosen.steps[chosen.steps.length - 1]
    const holdout = isFlowHoldout(chosen.flow.id, c.customer_id, c.trigger_key, chosen.flow.holdout_percent)
    const { created } = await flows.startEntry({
      flow_id: chosen.flow.id,
      customer_id: c.customer_id,
      email: c.email,
      trigger_key: c.trigger_key,
      anchor_at: anchor,
      next_action_at: new Date(anchor.getTime() + (first?.delay_hours ?? 0) * HOUR),
      holdout,
      // A held-out entry "ends" when its last step would have gone: conversions count from there.
      ended_at: holdout ? new Date(anchor.getTime() + (last?.delay_hours ?? 0) * HOUR) : null,
      context: c.context ?? null,
    })
    outcomes.push({
      customer_id: c.customer_id,
      trigger_key: c.trigger_key,
      flow_id: chosen.flow.id,
      outcome: !created ? "duplicate" : holdout ? "held_out" : "started",
    })
  }
  return outcomes
}
