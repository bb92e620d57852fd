import { cartReminder } from "./templates/cart-reminder"
import { detractorAlert } from "./templates/detractor-alert"
import { flowBirthday } from "./templates/flow-birthday"
import { flowPostPurchase } from "./templates/flow-post-purchase"
import { flowWelcome1 } from "./templates/flow-welcome-1"
import { flowWelcome2 } from "./templates/flow-welcome-2"
import { flowWelcome3 } from "./templates/flow-welcome-3"
import { flowWinBack1 } from "./templates/flow-win-back-1"
import { flowWinBack2 } from "./templates/flow-win-back-2"
import { loyaltyPointsAvailable } from "./templates/loyalty-points-available"
import { loyaltyPointsEarned } from "./templates/loyalty-points-earned"
import { loyaltyPointsExpiring } from "./templates/loyalty-points-expiring"
import { loyaltyTierReached } from "./templates/loyalty-tier-reached"
import { npsSurvey } from "./templates/nps-survey"
import { replenishmentItemsUnavailable } from "./templates/replenishment-items-unavailable"
import { replenishmentPaymentFailed } from "./templates/replenishment-payment-failed"
import { replenishmentReminder } from "./templates/replenishment-reminder"
import { replenishmentRenewalPlaced } from "./templates/replenishment-renewal-placed"
import { replenishmentRunningLow } from "./templates/replenishment-running-low"
import { replenishmentSubscriptionChanged } from "./templates/replenishment-subscription-changed"
import { testMessage } from "./templates/test-message"
import type { EmailTemplate } from "./types"

export {
  SUPPORTED_LOCALES,
  DEFAULT_LOCALE,
  resolveLocale,
  type Locale,
} from "./locales"

/** Every email the plugin can send. Add one here and the unit tests cover it in every locale. */
export const TEMPLATES = [
  cartReminder,
  npsSurvey,
  loyaltyPointsEarned,
  loyaltyPointsAvailable,
  loyaltyPointsExpiring,
  loyaltyTierReached,
  replenishmentReminder,
  replenishmentRenewalPlaced,
  replenishmentPaymentFailed,
  replenishmentSubscriptionChanged,
  replenishmentItemsUnavailable,
  replenishmentRunningLow,
  flowWelcome1,
  flowWelcome2,
  flowWelcome3,
  flowPostPurchase,
  flowBirthday,
  flowWinBack1,
  flowWinBack2,
  detractorAlert,
  testMessage,
] as const

export type TemplateName = (typeof TEMPLATES)[number]["name"]

const byName = new Map<string, EmailTemplate>(
  TEMPLATES.map((template): [string, EmailTemplate] => [
    template.name,
    template,
  ])
)

export function getTemplate(name: string): EmailTemplate | undefined {
  return byName.get(name)
}

export function listTemplates(): readonly EmailTemplate[] {
  return TEMPLATES
}
