import { defineRouteConfig } from "@medusajs/admin-sdk"
import { NotBuiltYet } from "../../../components/not-built-yet"

const MessagesPage = () => (
  <NotBuiltYet
    title="Messages"
    description="The log of every email the plugin sends, suppresses or fails, with templates, previews and consent per customer."
  />
)

export const config = defineRouteConfig({ label: "Messages" })

export default MessagesPage
