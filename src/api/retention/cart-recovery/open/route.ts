import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, PromotionActions } from "@medusajs/framework/utils"
import { updateCartPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../../modules/cart-recovery/service"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"
import { escapeHtml, firstAcceptedLanguage, page, pickLocale } from "../../page"

const INVALID = {
  en: { title: "Link expired", body: "This cart link is invalid or has expired. Visit the store to start again." },
  tr: { title: "Bağlantının süresi doldu", body: "Bu sepet bağlantısı geçersiz ya da süresi dolmuş. Yeniden başlamak için mağazayı ziyaret edin." },
}

/**
 * The recovery link in a cart email: verifies the signed token, counts the click on the step's
 * send record, applies the step's code to the cart and redirects to the storefront's cart URL
 * with the cart id and the code.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service: CartRecoveryModuleService = req.scope.resolve(RETENTION_CART_RECOVERY_MODULE)
  const token = typeof req.query.token === "string" ? req.query.token : undefined
  const verified = service.verifyRecoveryToken(token)
  if (!verified.ok || !token) {
    const locale = pickLocale(firstAcceptedLanguage(req.get("accept-language")))
    const s = INVALID[locale]
    res.status(400).type("html").send(page(locale, s.title, `<p>${escapeHtml(s.body)}</p>`))
    return
  }
  const { c: cartId, st: step } = verified.payload
  const [send] = await service.listRecoverySends({ cart_id: cartId, step })
  if (send) {
    await service.recordClick({ send_id: send.id, at: new Date() })
  }
  if (send?.promotion_code) {
    // The link applies the step's code to the cart, so the storefront shows it already
    // discounted. A cart that was completed or a code that no longer applies is not an error:
    // the redirect still takes the customer to the store.
    try {
      await updateCartPromotionsWorkflow(req.scope).run({
        input: { cart_id: cartId, promo_codes: [send.promotion_code], action: PromotionActions.ADD },
      })
    } catch (e) {
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .info(`cart recovery: code not applied to ${cartId}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  // Brand → Storefront URL as saved in the admin: the plugin option only gave its first value.
  const settings: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const { storefrontUrl } = (await settings.getSection("brand")).values
  res.set("cache-control", "no-store")
  res.redirect(302, service.storefrontUrl({ cart_id: cartId, code: send?.promotion_code ?? null, token, storefrontUrl }))
}
