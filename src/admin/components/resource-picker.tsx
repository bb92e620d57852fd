import { Badge, Button, Checkbox, Input, Popover, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "../lib/sdk"
import { useDebouncedValue } from "../lib/use-debounced-value"

/** The Medusa admin lists a picker reads: regions, sales channels, customer groups. */
export type PickerResource = "regions" | "sales-channels" | "customer-groups"

const ENDPOINTS: Record<PickerResource, { path: string; key: string }> = {
  regions: { path: "/admin/regions", key: "regions" },
  "sales-channels": { path: "/admin/sales-channels", key: "sales_channels" },
  "customer-groups": { path: "/admin/customer-groups", key: "customer_groups" },
}

type Option = { id: string; name: string; hint?: string }

function toOption(resource: PickerResource, row: Record<string, any>): Option {
  if (resource === "regions") {
    return { id: row.id, name: row.name, hint: [row.currency_code?.toUpperCase(), ...(row.countries ?? []).slice(0, 4).map((c: { iso_2: string }) => c.iso_2?.toUpperCase())].filter(Boolean).join(" · ") }
  }
  return { id: row.id, name: row.name }
}

/**
 * Picks several of a Medusa resource by name, searched on Medusa's own admin API, instead of
 * typing ids. The chosen ones show as badges (an id the store no longer has shows as its id, so
 * it can be removed).
 */
export const ResourcePicker = ({
  resource,
  label,
  value,
  onChange,
  invalid,
  id,
}: {
  id?: string
  resource: PickerResource
  label: string
  value: string[]
  onChange: (ids: string[]) => void
  invalid?: boolean
}) => {
  const [open, setOpen] = useState(false)
  const [search, setSearch] = useState("")
  const q = useDebouncedValue(search.trim(), 250)
  const { path, key } = ENDPOINTS[resource]
  const fields = resource === "regions" ? "id,name,currency_code,countries.iso_2" : "id,name"
  const list = useQuery({
    queryKey: ["retention", "picker", resource, q],
    queryFn: () =>
      sdk.client.fetch<Record<string, Record<string, unknown>[]>>(
        `${path}?${new URLSearchParams({ limit: "50", fields, ...(q ? { q } : {}) })}`
      ),
    enabled: open,
  })
  // Names of what is already chosen, also when the dropdown has never opened.
  const chosen = useQuery({
    queryKey: ["retention", "picker", resource, "chosen", [...value].sort().join(",")],
    queryFn: () =>
      sdk.client.fetch<Record<string, Record<string, unknown>[]>>(
        `${path}?${new URLSearchParams([["limit", String(value.length)], ["fields", fields], ...value.map((id) => ["id[]", id])])}`
      ),
    enabled: value.length > 0,
  })
  const options = (list.data?.[key] ?? []).map((row) => toOption(resource, row))
  const names = new Map((chosen.data?.[key] ?? []).map((row) => [String(row.id), toOption(resource, row).name]))
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((v) => v !== id) : [...value, id])

  return (
    <div className="flex flex-col gap-2">
      <Popover open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <Button id={id} type="button" variant="secondary" size="small" className="justify-start" aria-invalid={invalid} aria-label={label}>
            {value.length ? `${value.length} selected` : `Any ${label.toLowerCase()}`}
          </Button>
        </Popover.Trigger>
        <Popover.Content align="start" className="w-[300px] p-2">
          <Input size="small" type="search" placeholder={`Search ${label.toLowerCase()}`} value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
          <div className="mt-2 max-h-[240px] overflow-y-auto">
            {list.isLoading ? (
              <Text size="small" className="px-2 py-1">
                Loading…
              </Text>
            ) : list.error ? (
              <Text size="small" className="px-2 py-1 text-ui-fg-error">
                Could not load {label.toLowerCase()}.
              </Text>
            ) : !options.length ? (
              <Text size="small" className="px-2 py-1 text-ui-fg-subtle">
                Nothing matches.
              </Text>
            ) : (
              options.map((o) => (
                <label key={o.id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 hover:bg-ui-bg-base-hover">
                  <Checkbox checked={value.includes(o.id)} onCheckedChange={() => toggle(o.id)} />
                  <span className="flex flex-col">
                    <Text size="small">{o.name}</Text>
                    {o.hint && (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {o.hint}
                      </Text>
                    )}
                  </span>
                </label>
              ))
            )}
          </div>
        </Popover.Content>
      </Popover>
      {value.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {value.map((id) => (
            <Badge key={id} size="2xsmall" className="gap-1">
              {names.get(id) ?? (chosen.isLoading ? "…" : id)}
              <button type="button" aria-label={`Remove ${names.get(id) ?? id}`} className="text-ui-fg-muted hover:text-ui-fg-base" onClick={() => toggle(id)}>
                ×
              </button>
            </Badge>
          ))}
        </div>
      )}
    </div>
  )
}
