import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeSubscriptionAction } from "../../actions"
import { PauseBody } from "../../../../../utils/subscriptions"

/** Pauses until a date (`until`), or until resumed when there is none. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await storeSubscriptionAction(req, "pause", PauseBody))
}
