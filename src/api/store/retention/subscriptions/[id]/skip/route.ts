import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeSubscriptionAction } from "../../actions"
import { EmptyBody } from "../../../../../utils/subscriptions"

/** Skips the next delivery: the schedule moves one interval on. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await storeSubscriptionAction(req, "skip", EmptyBody))
}
