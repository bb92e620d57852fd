// The data each lifecycle-flow email receives (`data` of a send through send-retention-emails).
// The flow engine builds these; the templates in src/emails/templates/flow-* render them.
//
// Like every other email, a flow email does not carry the store in its data: the renderer adds
// `brand` (store name, logo, colours, storefront URL, postal address) from Settings → Brand,
// and the messaging core adds `unsubscribeUrl` and `preferencesUrl` to every marketing send.
// Amounts are numbers with their currency and dates ISO strings: the templates format them in
// the email's language (`{{money …}}`, `{{date …}}`), so one payload reads right in every locale.

/** A price as the storefront shows it: amount in the currency's main unit ("19.5" = 19.50). */
export type FlowMoney = {
  amount: number
  /** ISO 4217, any case ("eur", "TRY"). */
  currency: string
}

/** One product shown in a flow email (best sellers, frequently bought together). */
export type FlowProduct = {
  /** Product id, for tests and click reports; never shown. */
  id: string
  title: string
  /** Storefront page of the product (absolute https URL). */
  url: string
  /** Thumbnail; rows of a list where no product has one get no image column at all. */
  imageUrl?: string
  /** Lowest variant price in the customer's currency where the store has one; absent: no price shown. */
  price?: FlowMoney
}

/** A one-off code made for this send (Promotion Module), shown in the email and its preview line. */
export type FlowDiscount = {
  code: string
  /** Either percent (10 = 10 %) or amount (in `currency`). */
  percent?: number
  amount?: number
  /** Currency of `amount`; required with it. */
  currency?: string
  /** ISO date-time the code stops working; shown as "Valid until …". */
  expiresAt?: string
}

/** Fields every flow email accepts. */
export type FlowCommonData = {
  /** First name on the account, when it looks like a name: the one name a subject may carry. */
  customerName?: string
  /** Name for the greeting (account, else the last order's address). Never in the subject. */
  greetingName?: string
  /** A flow step's A/B subject line, already filled in; else the template's own subject. */
  subjectLine?: string
  /** Where the main button leads (with tracking parameters if any); default the storefront. */
  shopUrl?: string
}

/** flow-welcome-1, flow-welcome-2, flow-welcome-3 */
export type FlowWelcomeData = FlowCommonData & {
  /** Step of the welcome series (1 welcome, 2 best sellers, 3 first-order code). */
  step: 1 | 2 | 3
  /** Best sellers (step 2; optional elsewhere). An empty list leaves the block out. */
  products?: FlowProduct[]
  /** First-order code (step 3, when the flow gives one). */
  discount?: FlowDiscount
}

/** flow-post-purchase */
export type FlowPostPurchaseData = FlowCommonData & {
  /** Order number as the customer sees it (`display_id`). */
  orderDisplayId?: string | number
  /** Storefront page of the order, when the store has one. */
  orderUrl?: string
  /** Frequently bought together with what they ordered (recommendProducts); may be empty. */
  products: FlowProduct[]
  /** A code for the next order, when the flow's step gives one. */
  discount?: FlowDiscount
}

/** flow-birthday */
export type FlowBirthdayData = FlowCommonData & {
  /** Birthday bonus the loyalty program paid today; absent when none was paid. */
  bonusPoints?: number
  /** What the bonus is worth at redemption, in the customer's currency. */
  bonusValue?: FlowMoney
  /** Rewards page (loyalty), when the store has one; default `shopUrl`. */
  rewardsUrl?: string
  /** An optional birthday code, like the other flows'. */
  discount?: FlowDiscount
}

/** flow-win-back-1, flow-win-back-2 */
export type FlowWinBackData = FlowCommonData & {
  step: 1 | 2
  /** ISO date of the customer's last order ("your last order was on …"). */
  lastOrderDate?: string
  /** Code of the second step, when the flow gives one. */
  discount?: FlowDiscount
  /** Products to come back for (related to past orders, else best sellers); may be empty. */
  products?: FlowProduct[]
}

/** Data of every flow template, by template name. */
export type FlowTemplateData = {
  "flow-welcome-1": FlowWelcomeData
  "flow-welcome-2": FlowWelcomeData
  "flow-welcome-3": FlowWelcomeData
  "flow-post-purchase": FlowPostPurchaseData
  "flow-birthday": FlowBirthdayData
  "flow-win-back-1": FlowWinBackData
  "flow-win-back-2": FlowWinBackData
}

export type FlowTemplateName = keyof FlowTemplateData

export const FLOW_TEMPLATE_NAMES = [
  "flow-welcome-1",
  "flow-welcome-2",
  "flow-welcome-3",
  "flow-post-purchase",
  "flow-birthday",
  "flow-win-back-1",
  "flow-win-back-2",
] as const satisfies readonly FlowTemplateName[]
