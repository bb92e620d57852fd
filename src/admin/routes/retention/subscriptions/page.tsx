import { defineRouteConfig } from "@medusajs/admin-sdk"
import { NotBuiltYet } from "../../../components/not-built-yet"

const SubscriptionsPage = () => (
  <NotBuiltYet
    title="Subscriptions"
    description="Auto-replenish subscriptions with renewal orders, reminders, skip, pause, cancel and dunning."
  />
)

export const config = defineRouteConfig({ label: "Subscriptions" })

export default SubscriptionsPage
