import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseInput } from "../../../../admin/retention/messages/helpers"
import { redeemPointsWorkflow } from "../../../../../workflows/loyalty/redeem-points"
import { customerId } from "../helpers"
import { RedeemBody } from "../validators"

/**
 * Redeems points on the customer's own cart: holds them and applies a one-off discount.
 * Not enough points (also when concurrent requests raced for them) is a 400 naming `points`.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(RedeemBody, req.body)
  const { result } = await redeemPointsWorkflow(req.scope).run({
    input: { customer_id: customerId(req), cart_id: body.cart_id, points: body.points },
  })
  res.status(201).json({ redemption: result })
}
