import { randomUUID } from "crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_FLOWS_MODULE } from "../modules/flows"
import type FlowsModuleService from "../modules/flows/service"
import { disableExpiredFlowPromotionsWorkflow } from "../workflows/flows/disable-expired-flow-promotions"
import { processDueFlowEntryWorkflow } from "../workflows/flows/process-due-flow-entry"

export const RUN_DUE_FLOW_STEPS_JOB = "retention-run-due-flow-steps"

// As the cart-recovery tick: the lease outlives the tick's budget; a run that threw is looked at
// again after a pause.
const LEASE_SECONDS = 15 * 60
const TICK_BUDGET_MS = 10 * 60_000
const ERROR_RETRY_MS = 15 * 60_000

/**
 * One flow scheduler tick: takes the lease (one row; a second tick at the same moment finds it
 * held and does nothing), reads the due entries of active flows through the partial index on
 * next_action_at, and runs each through process-due-flow-entry, which always writes the entry's
 * next state. If the worker dies mid-tick the lease runs out and a later tick reads the same
 * entries again: their email keys keep every step single-send.
 */
export async function runDueFlowSteps(container: MedusaContainer, now = new Date()) {
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const holder = `${process.pid}:${randomUUID()}`
  const ids = await flows.startTick({ name: RUN_DUE_FLOW_STEPS_JOB, holder, leaseSeconds: LEASE_SECONDS, now, limit: flows.options.flows.batchSize })
  if (!ids) return { claimed: 0, outcomes: [] as string[], skipped: "another tick holds the lease" as const }
  const started = Date.now()
  const outcomes: string[] = []
  try {
    for (const id of ids) {
      if (Date.now() - started > TICK_BUDGET_MS) break
      try {
        const { result } = await processDueFlowEntryWorkflow(container).run({ input: { entry_id: id, now } })
        outcomes.push(result.outcome)
      } catch (e) {
        logger.warn(`flows: entry ${id} failed, retried in 15 minutes: ${e instanceof Error ? e.message : String(e)}`)
        outcomes.push("error")
        await flows
          .postponeIfStillDue({ id, dueAt: now, until: new Date(Math.max(now.getTime(), Date.now()) + ERROR_RETRY_MS) })
          .catch(() => undefined)
      }
    }
    try {
      await disableExpiredFlowPromotionsWorkflow(container).run({ input: { now } })
    } catch (e) {
      logger.warn(`flows: expired codes not deactivated, retried next tick: ${e instanceof Error ? e.message : String(e)}`)
    }
    return { claimed: outcomes.length, outcomes }
  } finally {
    await flows.endTick({ name: RUN_DUE_FLOW_STEPS_JOB, holder })
  }
}

export default async function runDueFlowStepsJob(container: MedusaContainer) {
  await runDueFlowSteps(container)
}

export const config = {
  name: RUN_DUE_FLOW_STEPS_JOB,
  schedule: "* * * * *",
}
