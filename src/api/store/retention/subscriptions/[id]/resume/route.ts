import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { storeSubscriptionAction } from "../../actions"
import { EmptyBody } from "../../../../../utils/subscriptions"

/** Resumes a paused subscription at its next scheduled date from today. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json(await storeSubscriptionAction(req, "resume", EmptyBody))
}
