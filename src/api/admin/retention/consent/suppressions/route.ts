import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RETENTION_MESSAGING_MODULE } from "../../../../../modules/messaging"
import type MessagingModuleService from "../../../../../modules/messaging/service"
import { normalizeEmail } from "../../../../../modules/messaging/service"
import { listOrder } from "../../../../utils/list-order"
import { parseInput } from "../../messages/helpers"
import { CSV_MAX_ROWS, sendCsv } from "../csv"
import { AddSuppressionBody, SuppressionsQuery } from "../validators"

const COLUMNS = ["email", "reason", "source", "message_id", "created_at"]

/** Suppressed addresses, newest first unless `order` says otherwise: search by address, filter by reason; `format=csv` exports. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const query = parseInput(SuppressionsQuery, req.query, "query")
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const filters: Record<string, unknown> = {}
  if (query.q) filters.email = { $ilike: `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` }
  if (query.reason) filters.reason = query.reason
  const csv = query.format === "csv"
  const [rows, count] = await messaging.listAndCountSuppressions(filters, {
    order: listOrder(query.order),
    take: csv ? CSV_MAX_ROWS : query.limit,
    skip: csv ? 0 : query.offset,
  })
  if (csv) return sendCsv(res, "suppressions.csv", COLUMNS, rows as unknown as Record<string, unknown>[])
  res.json({ suppressions: rows, count, limit: query.limit, offset: query.offset })
}

/** Blocks an address from all marketing by hand; recorded with the admin and the note. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const body = parseInput(AddSuppressionBody, req.body)
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  const email = normalizeEmail(body.email)
  const { created } = await messaging.suppressByAdmin({ email, actor_id: req.auth_context?.actor_id ?? null, note: body.note || null })
  const [suppression] = await messaging.listSuppressions({ email, reason: "manual" })
  res.json({ created, suppression })
}
