// What the plugin offers and what is built so far. The admin overview renders this list, so
// a page for a capability that has not landed says so instead of pretending.
export type RetentionFeature = {
  key: "campaigns" | "messages" | "loyalty" | "nps" | "subscriptions" | "settings"
  title: string
  description: string
  status: "available" | "planned"
}

export const RETENTION_FEATURES: RetentionFeature[] = [
  {
    key: "campaigns",
    title: "Abandoned-cart recovery",
    description: "Multi-step email sequences with one-off discounts and attributed revenue.",
    status: "available",
  },
  {
    key: "messages",
    title: "Messages",
    description: "Every email sent, suppressed or failed, with consent and unsubscribe handling.",
    status: "available",
  },
  {
    key: "loyalty",
    title: "Loyalty points",
    description: "Points on orders, pending through the return window, redeemable at checkout.",
    status: "available",
  },
  {
    key: "nps",
    title: "NPS surveys",
    description: "One-click 0–10 scores after delivery, detractor alerts and a live NPS dashboard.",
    status: "available",
  },
  {
    key: "subscriptions",
    title: "Auto-replenish subscriptions",
    description: "Renewal orders at an interval, with reminders, skip, pause, cancel and dunning.",
    status: "available",
  },
  {
    key: "settings",
    title: "Settings",
    description: "Brand, sender and consent policy used by every email the plugin sends.",
    status: "available",
  },
]
