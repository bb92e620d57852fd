import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_NPS_MODULE } from "../../../../../modules/nps"
import type NpsModuleService from "../../../../../modules/nps/service"

/** NPS over 30/90 days and all time, weekly trend, distribution, response rate, discards. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  res.json({ dashboard: await service.dashboard({ now: new Date() }) })
}
