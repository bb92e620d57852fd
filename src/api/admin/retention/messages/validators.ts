import { z } from "@medusajs/framework/zod"
import { MESSAGE_STATUSES } from "../../../../modules/messaging/models/message"
import { TOPICS } from "../../../../modules/messaging/policy"
import { orderParam } from "../../../utils/list-order"

// Columns the message log sorts by ("-created_at" = newest first, the default).
export const MESSAGE_ORDER_FIELDS = ["created_at", "to_email", "status", "template"] as const

// A calendar date ("2026-01-31") or a full ISO timestamp; anything Date.parse would guess at
// ("next tuesday", "1/2/3") is refused.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "must be an ISO date such as 2026-01-31")
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be a valid date")
  .transform((value) => new Date(value))

export const ListMessagesQuery = z
  .object({
    // Substring of the recipient address, any case.
    q: z.string().trim().max(320).optional(),
    topic: z.enum(TOPICS).optional(),
    status: z.enum(MESSAGE_STATUSES).optional(),
    template: z.string().trim().min(1).max(100).optional(),
    customer_id: z.string().trim().min(1).max(100).optional(),
    // Inclusive lower bound, exclusive upper bound on created_at.
    created_after: isoDate.optional(),
    created_before: isoDate.optional(),
    order: orderParam(MESSAGE_ORDER_FIELDS, "-created_at"),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()

export type ListMessagesQuery = z.output<typeof ListMessagesQuery>
