import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { RETENTION_FLOWS_MODULE } from "../../../../modules/flows"
import { parseFlowSteps } from "../../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../../modules/flows/service"

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
