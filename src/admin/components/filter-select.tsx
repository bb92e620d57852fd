import { Select } from "@medusajs/ui"

// Radix Select has no empty value; this one means "no filter".
const ANY = "any"

/** A small filter dropdown for list pages: "" is no filter, shown as "Any <label>". */
export const FilterSelect = ({
  label,
  value,
  options,
  onChange,
  className = "w-[170px]",
}: {
  label: string
  value: string
  options: { value: string; label: string }[]
  onChange: (value: string) => void
  className?: string
}) => (
  <Select size="small" value={value || ANY} onValueChange={(v) => onChange(v === ANY ? "" : v)}>
    <Select.Trigger aria-label={label} className={className}>
      <Select.Value />
    </Select.Trigger>
    <Select.Content>
      <Select.Item value={ANY}>{`Any ${label.toLowerCase()}`}</Select.Item>
      {options.map((o) => (
        <Select.Item key={o.value} value={o.value}>
          {o.label}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
)
