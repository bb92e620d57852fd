import { z } from "@medusajs/framework/zod"

/**
 * A list's `order` query parameter as Medusa's admin API writes it: a field name, ascending, or
 * the name with a leading "-", descending ("-created_at" = newest first). Only the listed fields
 * are accepted, so the value that reaches a query is always one the route chose: anything else is
 * a 400 naming `order`.
 */
export function orderParam<F extends string>(fields: readonly F[], fallback: F | `-${F}`) {
  const values = fields.flatMap((field) => [field, `-${field}`]) as [F | `-${F}`, ...(F | `-${F}`)[]]
  return z
    .enum(values, { error: () => `must be one of ${values.join(", ")}` })
    .default(fallback as never)
}

/** "-created_at" → { field: "created_at", descending: true }. */
export function splitOrder<F extends string>(order: F | `-${F}`): { field: F; descending: boolean } {
  return order.startsWith("-") ? { field: order.slice(1) as F, descending: true } : { field: order as F, descending: false }
}

/**
 * The `order` option of a module's list method: the field, then the id in the same direction so
 * rows of the same value keep one order and pages never overlap.
 */
export function listOrder<F extends string>(order: F | `-${F}`): Record<string, "ASC" | "DESC"> {
  const { field, descending } = splitOrder(order)
  const direction = descending ? "DESC" : "ASC"
  return { [field]: direction, id: direction }
}
