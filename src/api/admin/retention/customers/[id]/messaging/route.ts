import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { RETENTION_MESSAGING_MODULE } from "../../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../../modules/messaging/service"
import { normalizeEmail } from "../../../../../../modules/messaging/service"
import { MESSAGE_LIST_FIELDS } from "../../../messages/helpers"

const LATEST_MESSAGES = 20

/** What the customer page's widget shows: consent per topic, suppressions and latest emails. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  // Throws NOT_FOUND (404) for an unknown customer.
  const customer = await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(req.params.id)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const email = customer.email ? normalizeEmail(customer.email) : null
  // Messages carry customer_id when the feature knew it; sends keyed only by address (a guest
  // cart, say) still belong to this customer.
  const messageFilter = email ? { $or: [{ customer_id: customer.id }, { to_email: email }] } : { customer_id: customer.id }
  const [consents, suppressions, messages] = await Promise.all([
    email ? messaging.listConsents({ email }, { order: { topic: "ASC" } }) : Promise.resolve([]),
    email ? messaging.listSuppressions({ email }, { order: { created_at: "DESC" } }) : Promise.resolve([]),
    messaging.listMessages(messageFilter, {
      select: MESSAGE_LIST_FIELDS,
      order: { created_at: "DESC", id: "DESC" },
      take: LATEST_MESSAGES,
    }),
  ])
  res.json({ email, consents, suppressions, messages })
}
