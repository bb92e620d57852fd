import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../../modules/cart-recovery/service"
import { parseInput } from "../../../admin/retention/messages/helpers"

const RecoveryQuery = z.object({ token: z.string().min(1).max(4096) }).strict()

/**
 * What a storefront needs after a recovery link: the cart to restore and the code to apply.
 * The signed token is the credential (the link went to the cart's email address).
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { token } = parseInput(RecoveryQuery, req.query, "query")
  const service: CartRecoveryModuleService = req.scope.resolve(RETENTION_CART_RECOVERY_MODULE)
  const verified = service.verifyRecoveryToken(token)
  if (!verified.ok) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `token: ${verified.reason.replace("_", " ")}`)
  }
  const { c: cartId, st: step } = verified.payload
  const [send] = await service.listRecoverySends({ cart_id: cartId, step })
  const [tracked] = await service.listTrackedCarts({ cart_id: cartId })
  res.json({
    cart_id: cartId,
    step,
    code: send?.promotion_code ?? null,
    code_expires_at: send?.promotion_expires_at ?? null,
    status: tracked?.status ?? null,
    expires_at: new Date(verified.payload.exp * 1000).toISOString(),
  })
}
