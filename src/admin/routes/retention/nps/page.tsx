import { defineRouteConfig } from "@medusajs/admin-sdk"
import { NotBuiltYet } from "../../../components/not-built-yet"

const NPSPage = () => (
  <NotBuiltYet
    title="NPS"
    description="Post-delivery NPS surveys with one-click scores, detractor alerts and a live dashboard."
  />
)

export const config = defineRouteConfig({ label: "NPS" })

export default NPSPage
