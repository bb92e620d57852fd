// The order of a sortable list as Medusa's admin API writes it: "created_at" ascending,
// "-created_at" descending. Shared by the SortHeader component and its unit test.

export type SortDirection = "asc" | "desc"

/** The direction of `field` in an `order` value ("-created_at" = created_at descending), or null. */
export function sortDirection(order: string, field: string): SortDirection | null {
  if (order === field) return "asc"
  if (order === `-${field}`) return "desc"
  return null
}

/**
 * The order a click on `field`'s header asks for: the column's natural first direction when
 * another column sorts (`first`: "desc" for dates newest first, "asc" for text A→Z), the other
 * direction when it already sorts by this column.
 */
export function nextOrder(order: string, field: string, first: SortDirection): string {
  const current = sortDirection(order, field)
  const next = current === null ? first : current === "asc" ? "desc" : "asc"
  return next === "desc" ? `-${field}` : field
}
