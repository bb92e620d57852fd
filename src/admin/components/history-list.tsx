import { Button, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { ReactNode, useState } from "react"
import { sdk } from "../lib/sdk"

/** "Dec 5, 2026, 02:04 PM": when a change was saved, as the histories write it. */
export const savedAt = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit" })

/**
 * A history behind a "Show …" button: fetched only once opened, newest first, with loading,
 * error and empty states and how many older entries the page leaves out.
 */
export function HistoryList<T>({
  label,
  queryKey,
  path,
  pick,
  empty,
  render,
  className,
}: {
  label: string
  queryKey: unknown[]
  /** Admin API path answering `{ <items>, count }`. */
  path: string
  pick: (body: Record<string, unknown>) => T[]
  empty: string
  render: (item: T) => ReactNode
  className?: string
}) {
  const [open, setOpen] = useState(false)
  const { data, isLoading, error } = useQuery({
    queryKey,
    queryFn: () => sdk.client.fetch<Record<string, unknown>>(path),
    enabled: open,
  })
  const items = data ? pick(data) : []
  const count = Number(data?.count ?? 0)
  return (
    <div className={`flex flex-col gap-2 ${className ?? ""}`}>
      <Button type="button" size="small" variant="transparent" className="self-start" onClick={() => setOpen(!open)}>
        {open ? `Hide ${label}` : `Show ${label}`}
      </Button>
      {open &&
        (isLoading ? (
          <Text size="small">Loading…</Text>
        ) : error ? (
          <Text size="small">Could not load the {label}.</Text>
        ) : !items.length ? (
          <Text size="small" className="text-ui-fg-subtle">
            {empty}
          </Text>
        ) : (
          <ul className="flex flex-col gap-2">
            {items.map(render)}
            {count > items.length && (
              <Text size="small" className="text-ui-fg-subtle">
                {count - items.length} older versions not shown.
              </Text>
            )}
          </ul>
        ))}
    </div>
  )
}
