import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_NPS_MODULE } from "../../../../../modules/nps"
import type NpsModuleService from "../../../../../modules/nps/service"
import { parseInput } from "../../messages/helpers"
import { ListResponsesQuery } from "../validators"

/** The comment feed: confirmed responses, newest first, by category, date and product. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListResponsesQuery, req.query, "query")
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  const { responses, count } = await service.feed({
    category: q.category,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    with_comment: q.with_comment === "true",
    product_id: q.product_id,
    limit: q.limit,
    offset: q.offset,
  })
  res.json({ responses, count, limit: q.limit, offset: q.offset })
}
