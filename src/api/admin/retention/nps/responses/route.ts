import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_NPS_MODULE } from "../../../../../modules/nps"
import type NpsModuleService from "../../../../../modules/nps/service"
import { CSV_MAX_ROWS, sendCsv } from "../../consent/csv"
import { parseInput } from "../../messages/helpers"
import { toNpsFilter } from "../filter"
import { ListResponsesQuery } from "../validators"

const CSV_COLUMNS = ["confirmed_at", "score", "category", "comment", "email", "customer_id", "order_id", "order_display_id"]

/**
 * The comment feed: confirmed responses, newest first (or by `order`: date or score), by category, date, comment, words and
 * product; `format=csv` exports every match. A row says whether its order and customer still
 * exist in the store, so the admin links only those that open.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListResponsesQuery, req.query, "query")
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  const csv = q.format === "csv"
  const { responses, count } = await service.feed({
    filter: toNpsFilter(q),
    order: q.order,
    limit: csv ? CSV_MAX_ROWS : q.limit,
    offset: csv ? 0 : q.offset,
  })
  if (csv) {
    const day = new Date().toISOString().slice(0, 10)
    return sendCsv(res, `nps-responses-${day}.csv`, CSV_COLUMNS, responses)
  }

  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const existing = async (entity: "order" | "customer", ids: (string | null)[]) => {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))]
    if (!wanted.length) return new Set<string>()
    const { data } = await query.graph({ entity, fields: ["id"], filters: { id: wanted } })
    return new Set((data as { id: string }[]).map((row) => row.id))
  }
  const [orders, customers] = await Promise.all([
    existing("order", responses.map((r) => r.order_id)),
    existing("customer", responses.map((r) => r.customer_id)),
  ])
  res.json({
    responses: responses.map((r) => ({ ...r, order_found: orders.has(r.order_id), customer_found: !!r.customer_id && customers.has(r.customer_id) })),
    count,
    limit: q.limit,
    offset: q.offset,
  })
}
