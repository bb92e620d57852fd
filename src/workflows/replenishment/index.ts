// What a store may import from "medusa-plugin-retention/workflows" for subscriptions: the
// renewal payment hook (see the README's Stripe example) and the entry points jobs use.
export * from "./resolve-renewal-payment"
export { renewSubscription } from "./renew-subscription"
export type { RenewalOutcome } from "./renew-subscription"
export { subscribeFromOrder, subscribeOrderItem } from "./subscribe-from-order"
export { sendRunningLowEmails } from "./running-low"
