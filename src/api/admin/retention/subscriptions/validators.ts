import { z } from "@medusajs/framework/zod"
import { SUBSCRIPTION_ORDER_FIELDS } from "../../../../modules/replenishment/service"
import { orderParam } from "../../../utils/list-order"

const id = z.string().trim().min(1).max(100)

export const AdminListQuery = z
  .object({
    status: z.enum(["active", "paused", "canceled", "payment_failed"]).optional(),
    product_id: id.optional(),
    customer_id: id.optional(),
    // Part of the subscriber's email address.
    q: z.string().trim().max(200).optional(),
    // period_at is the next renewal's date; interval sorts by length (2w before 1m).
    order: orderParam(SUBSCRIPTION_ORDER_FIELDS, "-created_at"),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
