import { z } from "@medusajs/framework/zod"
import { FEED_ORDER_FIELDS } from "../../../../modules/nps/service"
import { orderParam } from "../../../utils/list-order"

// A calendar day (UTC) or a moment. Years outside 1970–9998 are refused here: PostgreSQL
// has no year 0, and a day past 9998 would overflow when `to` moves to the next day.
const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine((v) => {
    const year = new Date(v).getUTCFullYear()
    return year >= 1970 && year <= 9998
  }, "must be a date between 1970 and 9998")
// Medusa ids are letters, digits and underscores (prod_01H…); anything else cannot match.
const productId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "must be a product id such as prod_01H…")

export const ListFeedProductsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()

/** The selection shared by the dashboard, the comment feed and its CSV export. */
const filterFields = {
  category: z.enum(["promoter", "passive", "detractor"]).optional(),
  // Confirmed from this day (or moment) on.
  from: isoDate.optional(),
  // Up to and including this day; a moment is the exclusive end.
  to: isoDate.optional(),
  // true: answers with a comment only; false: those without.
  with_comment: z.enum(["true", "false"]).optional(),
  // Words in the comment or the address.
  q: z.string().trim().max(200).optional(),
  product_id: productId.optional(),
}

const fromNotAfterTo = (query: { from?: string; to?: string }) =>
  !query.from || !query.to || new Date(query.from).getTime() <= new Date(query.to).getTime()
const FROM_AFTER_TO = { message: "must not be before from", path: ["to"] }

export const NpsDashboardQuery = z.object(filterFields).strict().refine(fromNotAfterTo, FROM_AFTER_TO)

export const ListResponsesQuery = z
  .object({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    // "-confirmed_at" (newest first, the default), "confirmed_at", "score" or "-score".
    order: orderParam(FEED_ORDER_FIELDS, "-confirmed_at"),
    // csv: every matching response (up to CSV_MAX_ROWS) as a file; limit and offset are ignored.
    format: z.enum(["json", "csv"]).default("json"),
  })
  .strict()
  .refine(fromNotAfterTo, FROM_AFTER_TO)

export const ListSurveysQuery = z
  .object({
    order_id: z.string().min(1).optional(),
    customer_id: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
