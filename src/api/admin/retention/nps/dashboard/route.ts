import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_NPS_MODULE } from "../../../../../modules/nps"
import type NpsModuleService from "../../../../../modules/nps/service"
import { parseInput } from "../../messages/helpers"
import { toNpsFilter } from "../filter"
import { NpsDashboardQuery } from "../validators"

/**
 * NPS, counts, distribution, trend, response rate and discards of one selection: the same
 * filters as the comment feed, so the page's figures always describe the rows it lists.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = parseInput(NpsDashboardQuery, req.query, "query")
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  res.json({ dashboard: await service.dashboard({ now: new Date(), filter: toNpsFilter(q) }) })
}
