import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_LOYALTY_MODULE } from "../../../modules/loyalty"
import type { LoyaltyModuleService, NewEntry } from "../../../modules/loyalty"

export const recordPointsEntryStepId = "record-points-entry"

/** Appends one ledger entry (bonus, manual adjustment); idempotent by its reference key. */
export const recordPointsEntryStep = createStep(
  recordPointsEntryStepId,
  async (input: { customer_id: string; entry: NewEntry }, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
    const { inserted, account } = await loyalty.recordEntries(input.customer_id, [input.entry])
    return new StepResponse({ entry: inserted[0] ?? null, account })
  }
)
