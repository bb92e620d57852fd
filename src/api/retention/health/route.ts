import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"

// Public and cheap: the email-link routes live under /retention, and an uptime check of this
// path proves they are reachable. It reveals nothing about the store.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const loaded = req.scope.hasRegistration(RETENTION_SETTINGS_MODULE)
  res.status(loaded ? 200 : 503).json({ plugin: "medusa-plugin-retention", status: loaded ? "ok" : "module-missing" })
}
