import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_REPLENISHMENT_MODULE } from "../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../modules/replenishment/service"
import { subscriptionView } from "../../../utils/subscriptions"
import { parseInput } from "../messages/helpers"
import { AdminListQuery } from "./validators"

/** Subscriptions, filtered by status, product, customer or part of the email; newest first unless `order` says otherwise. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const q = parseInput(AdminListQuery, req.query, "query")
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const { rows, count } = await service.searchSubscriptions(q)
  res.json({ subscriptions: rows.map(subscriptionView), count, limit: q.limit, offset: q.offset })
}
