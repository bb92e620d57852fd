import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeSubscriptionAction } from "../../actions"
import { EmptyBody } from "../../../../../utils/subscriptions"

/** After the customer updated their payment method: retries a failed renewal at once. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await storeSubscriptionAction(req, "payment_updated", EmptyBody))
}
