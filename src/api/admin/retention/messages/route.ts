import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../modules/messaging"
import type MessagingModuleService from "../../../../modules/messaging/service"
import { listOrder } from "../../../utils/list-order"
import { MESSAGE_LIST_FIELDS, parseInput } from "./helpers"
import { ListMessagesQuery } from "./validators"

// Backslash is Postgres' default LIKE escape; a "%" or "_" typed by the admin is literal.
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The message log, newest first unless `order` says otherwise, filterable; rendered bodies are left out (see the detail route). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(ListMessagesQuery, req.query, "query")
  const filters: Record<string, unknown> = {}
  if (query.q) filters.to_email = { $ilike: `%${escapeLike(query.q)}%` }
  if (query.topic) filters.topic = query.topic
  if (query.status) filters.status = query.status
  if (query.template) filters.template = query.template
  if (query.customer_id) filters.customer_id = query.customer_id
  if (query.created_after || query.created_before) {
    filters.created_at = {
      ...(query.created_after ? { $gte: query.created_after } : {}),
      ...(query.created_before ? { $lt: query.created_before } : {}),
    }
  }

  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const [messages, count] = await messaging.listAndCountMessages(filters, {
    select: MESSAGE_LIST_FIELDS,
    // id breaks ties between rows of the same value, so pages never overlap.
    order: listOrder(query.order),
    take: query.limit,
    skip: query.offset,
  })
  res.json({ messages, count, limit: query.limit, offset: query.offset })
}
