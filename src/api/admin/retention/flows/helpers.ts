import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_FLOWS_MODULE } from "../../../../modules/flows"
import { parseFlowSteps } from "../../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../../modules/flows/service"
import { CAMPAIGN_FIELDS, cartRecovery, statsFor } from "../cart-recovery/helpers"

export const flowsService = (scope: MedusaContainer): FlowsModuleService => scope.resolve(RETENTION_FLOWS_MODULE)

/** A flow as the admin reads it: its steps parsed, with its figures. */
export async function flowsWithStats(scope: MedusaContainer, ids: string[] | null) {
  const service = flowsService(scope)
  const flows = await service.listRetentionFlows(ids ? { id: ids } : {}, { order: { kind: "ASC", priority: "ASC", created_at: "ASC" } })
  const stats = await service.flowStats(flows.map((f) => f.id))
  return flows.map((f) => ({ ...f, steps: parseFlowSteps(f.steps), stats: stats.find((s) => s.flow_id === f.id) }))
}

export async function retrieveFlowOr404(scope: MedusaContainer, id: string) {
  const [flow] = await flowsWithStats(scope, [id])
  if (!flow) throw new MedusaError(MedusaError.Types.NOT_FOUND, `flow ${id} was not found`)
  return flow
}

// Tracked-cart states whose sequence can still send: the campaign's "entries active".
const CART_IN_SEQUENCE = ["active", "abandoned", "emailed"]

/**
 * The cart-recovery campaigns as flows of their kind: what the flows list shows for a flow
 * (status, trigger, entries still in the sequence, sends, opens, clicks, orders credited and
 * revenue per currency), from the campaigns' own figures (`statsFor`, the campaign list's).
 */
export async function cartRecoveryFlows(scope: MedusaContainer) {
  const service = cartRecovery(scope)
  await service.ensureDefaultCampaign()
  const campaigns = await service.listRecoveryCampaigns({}, { select: [...CAMPAIGN_FIELDS], order: { priority: "ASC", created_at: "ASC" } })
  const stats = await statsFor(scope, campaigns.map((c) => c.id))
  return Promise.all(
    campaigns.map(async (c) => {
      const s = stats.find((x) => x.campaign_id === c.id)
      const [, active] = await service.listAndCountTrackedCarts({ campaign_id: c.id, status: CART_IN_SEQUENCE }, { select: ["id"], take: 1 })
      return {
        id: c.id,
        kind: "cart_recovery" as const,
        name: c.name,
        status: c.status,
        steps: c.steps,
        holdout_percent: c.holdout_percent,
        is_default: c.is_default,
        created_at: c.created_at,
        stats: {
          entries: s?.tracked ?? 0,
          active,
          sends: s?.sends ?? 0,
          opens: s?.opens ?? 0,
          clicks: s?.clicks ?? 0,
          conversions: s?.recoveries ?? 0,
          revenue: s?.revenue ?? {},
        },
      }
    })
  )
}
