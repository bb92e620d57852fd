import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_CART_RECOVERY_MODULE } from "../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../modules/cart-recovery/service"
import { RETENTION_NPS_MODULE } from "../../modules/nps"
import type NpsModuleService from "../../modules/nps/service"

/**
 * After a merchant's Resend went out, the feature that asked for the email learns it, as if the
 * first send had worked: an NPS survey skipped because its email failed is open again (its score
 * links would otherwise be refused), and a cart-recovery step recorded as failed is recorded as
 * sent (attribution counts it) with its discount code switched back on unless it has expired.
 * Each update only moves a record that is still in its failed state, so running it twice changes
 * nothing more.
 */
export async function reconcileResentMessage(
  container: MedusaContainer,
  message: { id: string; idempotency_key: string; topic: string },
  now = new Date()
): Promise<void> {
  if (message.topic === "nps" && message.idempotency_key.startsWith("nps:")) {
    const nps: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
    const orderId = message.idempotency_key.slice("nps:".length)
    const [survey] = await nps.listNpsSurveys({ order_id: orderId })
    if (survey?.status === "skipped") {
      await nps.updateNpsSurveys({ id: survey.id, status: "sent", sent_at: now, message_id: message.id, skip_reason: null })
    }
    return
  }
  if (message.topic === "cart_recovery") {
    const service: CartRecoveryModuleService = container.resolve(RETENTION_CART_RECOVERY_MODULE)
    const [send] = await service.listRecoverySends({ idempotency_key: message.idempotency_key })
    if (!send || send.status !== "failed") return
    // The step's code (if it has one) was switched off when its email failed; the resent email
    // shows it, so it is switched on again, recorded on the send and expired by the job as usual.
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "promotion",
      fields: ["id", "code", "metadata"],
      filters: { code: service.discountCodeFor(send.cart_id, send.step) },
    })
    const promotion = data[0] as { id: string; code: string; metadata: Record<string, unknown> | null } | undefined
    const expiresAt = promotion?.metadata?.expires_at ? new Date(String(promotion.metadata.expires_at)) : null
    const live = promotion && expiresAt && expiresAt > now
    await service.updateRecoverySends({
      id: send.id,
      status: "sent",
      status_reason: "resent",
      sent_at: now,
      message_id: message.id,
      ...(live ? { promotion_id: promotion.id, promotion_code: promotion.code, promotion_expires_at: expiresAt } : {}),
    })
    if (live) {
      await updatePromotionsWorkflow(container).run({ input: { promotionsData: [{ id: promotion.id, status: "active" }] } })
    }
  }
}
