import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_NPS_MODULE } from "../../../../../modules/nps"
import type NpsModuleService from "../../../../../modules/nps/service"
import { parseInput } from "../../messages/helpers"
import { ListSurveysQuery } from "../validators"

const RESPONSE_FIELDS = ["id", "survey_id", "score", "category", "status", "discard_reason", "comment", "confirmed_at"] as const

/** Surveys of an order or a customer, each with its response (the admin widgets). */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const q = parseInput(ListSurveysQuery, req.query, "query")
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  const filters: Record<string, string> = {}
  if (q.order_id) filters.order_id = q.order_id
  if (q.customer_id) filters.customer_id = q.customer_id
  const [surveys, count] = await service.listAndCountNpsSurveys(filters, {
    take: q.limit,
    skip: q.offset,
    order: { created_at: "DESC" },
  })
  const responses = surveys.length
    ? await service.listNpsResponses({ survey_id: surveys.map((s) => s.id) }, { select: [...RESPONSE_FIELDS] })
    : []
  res.json({
    surveys: surveys.map((s) => ({ ...s, response: responses.find((r) => r.survey_id === s.id) ?? null })),
    count,
  })
}
