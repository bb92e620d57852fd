import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { syncOrderFacts } from "../../../lib/analytics/order-facts"
import { scoreCustomers } from "../../../lib/analytics/segments"
import type { SqlConnection } from "../../../lib/analytics/overview"
import { RETENTION_SEGMENTS_MODULE } from "../../../modules/customer-segments"
import type { CustomerSegmentsModuleService } from "../../../modules/customer-segments"

export const computeRfmSegmentsStepId = "compute-rfm-segments"
// 25 batches of 2,000 orders: a few seconds.
const MANUAL_FULL_PASS_BATCHES = 25

/**
 * Scores every customer per currency from the store's orders (the order facts, caught up
 * first; read-only SQL on the shared connection: a module may not read another's tables) and stores the scores as the
 * segments module's newest run. Scoring and storing are one step so the scores, one row per
 * customer, never pass through the workflow's checkpoint (kept in Redis in production). The
 * run replaces a run of the last 12 hours, so a repeat is harmless and there is nothing to undo.
 */
export const computeRfmSegmentsStep = createStep(
  computeRfmSegmentsStepId,
  async (input: { now?: Date | string; trigger: "schedule" | "manual" }, { container }) => {
    const pg = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
    const segments: CustomerSegmentsModuleService = container.resolve(RETENTION_SEGMENTS_MODULE)
    const now = input.now ? new Date(input.now) : new Date()
    // Scores come from the order facts: catch them up first (orders whose event was missed;
    // the daily full pass when due), so tonight's scores see every order. An admin's "recompute
    // now" waits for at most MANUAL_FULL_PASS_BATCHES of a due full pass; the job does the rest.
    await syncOrderFacts({ pg, segments }, { now: new Date(), maxBatches: input.trigger === "manual" ? MANUAL_FULL_PASS_BATCHES : undefined })
    const scores = await scoreCustomers(pg, now)
    const run = await segments.recordRun({ computed_at: now, trigger: input.trigger, scores })
    return new StepResponse(run)
  }
)
