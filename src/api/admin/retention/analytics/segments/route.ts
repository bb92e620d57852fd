import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { SqlConnection } from "../../../../../lib/analytics/overview"
import { loadSegments } from "../../../../../lib/analytics/segments"
import { RETENTION_SEGMENTS_MODULE, SEGMENT_RULES } from "../../../../../modules/customer-segments"
import type { CustomerSegmentsModuleService } from "../../../../../modules/customer-segments"

/**
 * RFM segments of the newest run per currency: customers and revenue per segment, the count at
 * the run before and at the snapshot nearest to a month before (month_baseline), and who moved
 * between segments since the run before.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const segments: CustomerSegmentsModuleService = req.scope.resolve(RETENTION_SEGMENTS_MODULE)
  const pg = req.scope.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const [run, previous] = await segments.latestRuns()
  const monthAgo = run ? await segments.monthBaseline(run.computed_at) : null
  res.json({
    run: run ?? null,
    previous_run: previous ?? null,
    month_baseline: monthAgo ? { computed_at: monthAgo.computed_at } : null,
    rules: SEGMENT_RULES.map(({ segment, label, rule }) => ({ segment, label, rule })),
    currencies: run ? await loadSegments(pg, run.id, previous?.id ?? null, monthAgo?.counts ?? null) : [],
  })
}
