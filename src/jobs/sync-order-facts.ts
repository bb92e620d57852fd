import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { syncOrderFactsWorkflow } from "../workflows/customer-segments/sync-order-facts"

export const SYNC_ORDER_FACTS_JOB = "retention-sync-order-facts"
// Batches of the full pass per run (2,000 orders each): a store installed with 1,000,000 orders
// is backfilled within a few runs, and no run holds the job for long.
const MAX_BATCHES = 100

export default async function syncOrderFactsJob(container: MedusaContainer) {
  const { result } = await syncOrderFactsWorkflow(container).run({ input: { max_batches: MAX_BATCHES } })
  if (result.recent || result.full || result.removed || result.full_pass !== "not_due") {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(`order facts: ${result.recent} recent and ${result.full} from the full pass written, ${result.removed} removed; full pass ${result.full_pass}`)
  }
}

export const config = {
  name: SYNC_ORDER_FACTS_JOB,
  // Every 5 minutes: orders whose event was lost show in the reports within minutes.
  schedule: "*/5 * * * *",
}
