import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runSchedulerTick } from "../lib/flow-engine/run-tick"
import { RETENTION_FLOWS_MODULE } from "../modules/flows"
import type FlowsModuleService from "../modules/flows/service"
import { disableExpiredFlowPromotionsWorkflow } from "../workflows/flows/disable-expired-flow-promotions"
import { processDueFlowEntryWorkflow } from "../workflows/flows/process-due-flow-entry"

export const RUN_DUE_FLOW_STEPS_JOB = "retention-run-due-flow-steps"

/**
 * One flow tick on the engine's scheduler (runSchedulerTick), the one cart recovery runs on:
 * the lease on retention_flow_tick_lease, the due entries of active flows through the partial
 * index on next_action_at, each run through process-due-flow-entry, which always writes the
 * entry's next state. If the worker dies mid-tick the lease runs out and a later tick reads the
 * same entries again: their email keys keep every step single-send.
 */
export async function runDueFlowSteps(container: MedusaContainer, now = new Date()) {
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  return await runSchedulerTick({
    scheduler: flows,
    name: RUN_DUE_FLOW_STEPS_JOB,
    label: "flows",
    batchSize: flows.options.flows.batchSize,
    now,
    logger: container.resolve(ContainerRegistrationKeys.LOGGER),
    processOne: async (id) => {
      const { result } = await processDueFlowEntryWorkflow(container).run({ input: { entry_id: id, now } })
      return result.outcome
    },
    disableExpiredCodes: () => disableExpiredFlowPromotionsWorkflow(container).run({ input: { now } }),
  })
}

export default async function runDueFlowStepsJob(container: MedusaContainer) {
  await runDueFlowSteps(container)
}

export const config = {
  name: RUN_DUE_FLOW_STEPS_JOB,
  schedule: "* * * * *",
}
