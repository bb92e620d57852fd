import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_LOYALTY_MODULE } from "../../../../../modules/loyalty"
import type { LoyaltyModuleService } from "../../../../../modules/loyalty"
import { DEFAULT_PROGRAM, programSettingsSchema } from "../../../../../modules/loyalty/program"
import { parseInput } from "../../messages/helpers"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  res.json({ settings: await loyalty.getProgram(), defaults: DEFAULT_PROGRAM })
}

/** Replaces the program settings; every field is validated and a bad one is named in the 400. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const settings = parseInput(programSettingsSchema, req.body)
  const loyalty: LoyaltyModuleService = req.scope.resolve(RETENTION_LOYALTY_MODULE)
  res.json({ settings: await loyalty.saveProgram(settings, req.auth_context?.actor_id ?? null) })
}
