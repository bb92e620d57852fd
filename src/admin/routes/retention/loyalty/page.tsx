import { defineRouteConfig } from "@medusajs/admin-sdk"
import { NotBuiltYet } from "../../../components/not-built-yet"

const LoyaltyPage = () => (
  <NotBuiltYet
    title="Loyalty"
    description="Points earned on orders, held through the return window, redeemed at checkout, with tiers and expiry."
  />
)

export const config = defineRouteConfig({ label: "Loyalty" })

export default LoyaltyPage
