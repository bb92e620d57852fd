import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_NPS_MODULE } from "../../../../../modules/nps"
import type NpsModuleService from "../../../../../modules/nps/service"
import { parseInput } from "../../messages/helpers"
import { ListFeedProductsQuery } from "../validators"

/**
 * Products of surveyed orders that have confirmed answers, with titles, for the comment
 * feed's product picker. A deleted product keeps its id and shows no title.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListFeedProductsQuery, req.query, "query")
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  const seen = await service.feedProducts({ limit: q.limit })
  const titles = new Map<string, string>()
  if (seen.length) {
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "product", fields: ["id", "title"], filters: { id: seen.map((p) => p.product_id) } })
    for (const p of data as { id: string; title: string | null }[]) titles.set(p.id, p.title ?? "")
  }
  res.json({ products: seen.map((p) => ({ ...p, title: titles.get(p.product_id) ?? null })) })
}
