import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import type { SqlConnection } from "../../../../../../../lib/analytics/overview"
import { SEGMENT_CSV_COLUMNS, segmentCustomers } from "../../../../../../../lib/analytics/segments"
import { RETENTION_SEGMENTS_MODULE } from "../../../../../../../modules/customer-segments"
import type { CustomerSegmentsModuleService } from "../../../../../../../modules/customer-segments"
import { CSV_MAX_ROWS, sendCsv } from "../../../../consent/csv"
import { parseInput } from "../../../../messages/helpers"
import { SegmentExportQuery, SegmentParam } from "../../validators"

/** One segment's customers in one currency at the newest run, as CSV (best customers first). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const segment = parseInput(SegmentParam, req.params.segment, "segment")
  const { currency_code } = parseInput(SegmentExportQuery, req.query, "query")
  const segments: CustomerSegmentsModuleService = req.scope.resolve(RETENTION_SEGMENTS_MODULE)
  const [run] = await segments.latestRuns()
  if (!run) throw new MedusaError(MedusaError.Types.NOT_FOUND, "No segments computed yet: recompute them first")
  const pg = req.scope.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = await segmentCustomers(pg, { runId: run.id, segment, currency: currency_code, limit: CSV_MAX_ROWS })
  const day = new Date(run.computed_at).toISOString().slice(0, 10)
  sendCsv(res, `segment-${segment}-${currency_code}-${day}.csv`, SEGMENT_CSV_COLUMNS, rows)
}
