import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeSubscriptionAction } from "../../actions"
import { EmptyBody } from "../../../../../utils/subscriptions"

/** Places the next order now (the schedule continues from today). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await storeSubscriptionAction(req, "run_now", EmptyBody))
}
