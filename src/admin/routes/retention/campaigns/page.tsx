import { defineRouteConfig } from "@medusajs/admin-sdk"
import { NotBuiltYet } from "../../../components/not-built-yet"

const CampaignsPage = () => (
  <NotBuiltYet
    title="Campaigns"
    description="Abandoned-cart recovery sequences with one-off discounts, A/B subject lines, holdout groups and recovered revenue per email."
  />
)

export const config = defineRouteConfig({ label: "Campaigns" })

export default CampaignsPage
