export {
  EmailRenderer,
  emailRenderer,
  renderUncached,
  type RendererStats,
} from "./renderer"
export {
  validateTemplateSource,
  renderPreview,
  type SourceCheckInput,
} from "./validate"
export { TemplateRenderError } from "./errors"
export {
  TEMPLATES,
  getTemplate,
  listTemplates,
  type TemplateName,
} from "./registry"
export {
  SUPPORTED_LOCALES,
  DEFAULT_LOCALE,
  resolveLocale,
  isLocale,
  type Locale,
} from "./locales"
export { SAMPLE_BRAND, SAMPLE_LINKS } from "./samples"
export { defineTemplate } from "./define"
export type {
  BrandSettings,
  EmailTemplate,
  RenderInput,
  RenderedEmail,
  TemplateCategory,
  TemplateData,
  TemplateIssue,
  TemplateOverride,
  TemplatePart,
  TemplateStrings,
  TemplateTopic,
  ValidationResult,
} from "./types"
export type {
  CartReminderData,
  CartReminderItem,
} from "./templates/cart-reminder"
export type { NpsSurveyData } from "./templates/nps-survey"
export type { LoyaltyPointsEarnedData } from "./templates/loyalty-points-earned"
export type {
  ReplenishmentReminderData,
  ReplenishmentItem,
} from "./templates/replenishment-reminder"
export type {
  ReplenishmentRenewalPlacedData,
  UnavailableItem,
} from "./templates/replenishment-renewal-placed"
export type { ReplenishmentPaymentFailedData } from "./templates/replenishment-payment-failed"
export type {
  ReplenishmentSubscriptionChangedData,
  SubscriptionChange,
  SubscriptionChangedItem,
} from "./templates/replenishment-subscription-changed"
export type { ReplenishmentItemsUnavailableData } from "./templates/replenishment-items-unavailable"
export type {
  ReplenishmentRunningLowData,
  RunningLowItem,
} from "./templates/replenishment-running-low"
export type { DetractorAlertData } from "./templates/detractor-alert"
export type { TestMessageData } from "./templates/test-message"
