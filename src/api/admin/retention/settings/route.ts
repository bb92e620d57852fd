import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_CART_RECOVERY_MODULE } from "../../../../modules/cart-recovery"
import type CartRecoveryModuleService from "../../../../modules/cart-recovery/service"
import { brandSender, RETENTION_SETTINGS_MODULE, type SectionState } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"

/**
 * Every settings section with its effective values (stored over plugin-option defaults), and
 * where those values take effect: the storefront page a cart recovery link lands on and the
 * sender of every email, so the admin can see both without sending one.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const cartRecovery: CartRecoveryModuleService = req.scope.resolve(RETENTION_CART_RECOVERY_MODULE)
  const sections = await service.getAllSections()
  const brand = sections.find((s): s is SectionState<"brand"> => s.section === "brand")
  const sender = brand ? brandSender(brand.values) : undefined
  res.json({
    sections,
    effective: brand && {
      recovery_link: cartRecovery
        .storefrontUrl({ cart_id: "{cart_id}", code: "{code}", token: "{token}", storefrontUrl: brand.values.storefrontUrl })
        // The placeholders come back URL-encoded; shown as written in the docs.
        .replace(/%7B(cart_id|code|token)%7D/g, "{$1}"),
      // null: the email provider's own `from` option (the brand still has the placeholder).
      from_email: sender?.email ?? null,
      from_name: sender?.name ?? null,
    },
  })
}
