import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../modules/messaging/service"
import { listOrder } from "../../../../utils/list-order"
import { parseInput } from "../../messages/helpers"
import { CSV_MAX_ROWS, sendCsv } from "../csv"
import { ConsentLogQuery } from "../validators"

const COLUMNS = ["recorded_at", "email", "topic", "status", "source", "reference", "note"]

/**
 * Every consent change, newest first unless `order` says otherwise (append-only): who (source and reference: the admin user,
 * the message whose unsubscribe link was used, the subscription…), when, what. Search by
 * address, filter by topic (`suppression:<reason>` for blocks and lifts); `format=csv` exports.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(ConsentLogQuery, req.query, "query")
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const filters: Record<string, unknown> = {}
  if (query.q) filters.email = { $ilike: `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` }
  if (query.topic) filters.topic = query.topic
  const csv = query.format === "csv"
  const [rows, count] = await messaging.listAndCountConsentLogs(filters, {
    order: listOrder(query.order),
    take: csv ? CSV_MAX_ROWS : query.limit,
    skip: csv ? 0 : query.offset,
  })
  if (csv) return sendCsv(res, "consent-log.csv", COLUMNS, rows as unknown as Record<string, unknown>[])
  res.json({ entries: rows, count, limit: query.limit, offset: query.offset })
}
