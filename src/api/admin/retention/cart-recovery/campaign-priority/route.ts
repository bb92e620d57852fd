import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { parseInput } from "../../messages/helpers"
import { cartRecovery } from "../helpers"

const OrderBody = z.object({ ids: z.array(z.string().trim().min(1).max(100)).min(1).max(500) }).strict()

/**
 * The campaigns' priority, first to last (`{ ids }`, every campaign once): a fresh cart joins the
 * first active campaign whose audience it matches.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(OrderBody, req.body)
  const result = await cartRecovery(req.scope).reorderCampaigns(body.ids)
  if (!result.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, result.message)
  res.json({ ids: body.ids })
}
