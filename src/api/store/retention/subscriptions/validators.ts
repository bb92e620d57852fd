import { z } from "@medusajs/framework/zod"
import { parseInterval } from "../../../../modules/replenishment/schedule"

const id = z.string().trim().min(1).max(100)

export const interval = z
  .string()
  .trim()
  .max(10)
  .refine((v) => parseInterval(v) !== null, 'must be an interval such as "2w", "30d" or "1m" (at most a year)')

export const ListQuery = z
  .object({
    status: z.enum(["active", "paused", "canceled", "payment_failed"]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict()

/** Subscribe to an item of one of the customer's own orders. */
export const CreateBody = z.object({ order_id: id, item_id: id, interval }).strict()

const text = (max: number) => z.string().trim().max(max)

export const AddressBody = z
  .object({
    first_name: text(100).min(1),
    last_name: text(100).min(1),
    company: text(200).nullish(),
    address_1: text(300).min(1),
    address_2: text(300).nullish(),
    city: text(100).min(1),
    province: text(100).nullish(),
    postal_code: text(20).min(1),
    country_code: z
      .string()
      .trim()
      .regex(/^[a-zA-Z]{2}$/, "must be a 2-letter country code")
      .transform((v) => v.toLowerCase()),
    phone: text(40).nullish(),
  })
  .strict()

export const UpdateBody = z
  .object({
    interval: interval.optional(),
    items: z
      .array(z.object({ variant_id: id, quantity: z.number().int().min(1).max(100) }).strict())
      .min(1)
      .max(50)
      .optional(),
    shipping_address: AddressBody.optional(),
    shipping_option_id: id.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of interval, items, shipping_address, shipping_option_id")

export const PlansQuery = z.object({ product_id: z.union([id, z.array(id).min(1).max(50)]) }).strict()

export const CartItemBody = z
  .object({
    cart_id: id,
    variant_id: id,
    quantity: z.number().int().min(1).max(100).default(1),
    interval,
  })
  .strict()
