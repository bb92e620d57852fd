import { ArrowDownMini, ArrowUpDown, ArrowUpMini } from "@medusajs/icons"
import { Table } from "@medusajs/ui"
import { ReactNode } from "react"
import { nextOrder, SortDirection, sortDirection } from "../lib/sort-order"

export type { SortDirection } from "../lib/sort-order"

type SortHeaderProps = {
  /** The API's field name, as the `order` query parameter writes it. */
  field: string
  label: ReactNode
  /** The list's current order, e.g. "-created_at". */
  order: string
  onOrder: (order: string) => void
  /**
   * The direction of the first click: "desc" for dates (newest first) and amounts, "asc" for
   * text (A→Z). The second click reverses it.
   */
  first?: SortDirection
  className?: string
}

/**
 * A sortable column header: a button inside the header cell, `aria-sort` on the cell, an arrow
 * for the direction the column sorts in (a faint double arrow while another column sorts).
 */
export const SortHeader = ({ field, label, order, onOrder, first = "asc", className }: SortHeaderProps) => {
  const direction = sortDirection(order, field)
  const next = nextOrder(order, field, first)
  const ariaSort = direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"
  const alignRight = className?.includes("text-right")
  return (
    <Table.HeaderCell aria-sort={ariaSort} className={className}>
      <button
        type="button"
        className={`inline-flex items-center gap-x-1 rounded-sm outline-none hover:text-ui-fg-base focus-visible:shadow-borders-focus ${
          direction ? "text-ui-fg-base" : ""
        } ${alignRight ? "flex-row-reverse" : ""}`}
        title={`Sort ${next.startsWith("-") ? "descending" : "ascending"}`}
        onClick={() => onOrder(next)}
      >
        {label}
        {direction === "asc" ? (
          <ArrowUpMini aria-hidden />
        ) : direction === "desc" ? (
          <ArrowDownMini aria-hidden />
        ) : (
          <ArrowUpDown aria-hidden className="text-ui-fg-muted" />
        )}
      </button>
    </Table.HeaderCell>
  )
}
