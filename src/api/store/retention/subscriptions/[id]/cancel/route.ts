import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeSubscriptionAction } from "../../actions"
import { CancelBody } from "../../../../../utils/subscriptions"

/** Cancels at once, online, in one step, with an optional reason. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await storeSubscriptionAction(req, "cancel", CancelBody))
}
