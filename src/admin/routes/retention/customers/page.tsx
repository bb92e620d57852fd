import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ReactNode, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { formatCount, formatMoney, formatPercent, presetRange } from "../../../lib/analytics"
import {
  AnalyticsCustomers,
  AnalyticsSegments,
  cohortShade,
  CustomerFigures,
  formatDateTime,
  formatDays,
  formatMonth,
  SegmentsByCurrency,
  storeDays,
} from "../../../lib/customers"
import { sdk } from "../../../lib/sdk"

const PRESETS = [90, 365, 730] as const
const DEFAULT_PRESET = 365

const Tile = ({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) => (
  <div className="flex flex-col gap-y-1 rounded-lg border px-4 py-3">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="xlarge" weight="plus">
      {value}
    </Text>
    {hint && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {hint}
      </Text>
    )}
  </div>
)

const CurrencyFigures = ({ row }: { row: CustomerFigures }) => {
  const money = (n: number | null) => (n === null ? "–" : formatMoney(n, row.currency_code))
  const l = row.lifetime
  return (
    <div className="flex flex-col gap-y-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Tile
          label="Repeat-purchase rate"
          value={formatPercent(row.repeat_rate)}
          hint={`${formatCount(row.repeat_customers)} of ${formatCount(row.customers)} customers ordered twice or more`}
        />
        <Tile label="Average order value" value={money(row.average_order_value)} hint={`${formatCount(row.orders)} orders, ${money(row.revenue)}`} />
        <Tile label="Orders per customer" value={row.orders_per_customer === null ? "–" : row.orders_per_customer.toFixed(2)} hint="in the range" />
        <Tile
          label="Time between orders"
          value={formatDays(row.median_days_between_orders)}
          hint={`median of ${formatCount(row.repeat_orders)} repeat ${row.repeat_orders === 1 ? "order" : "orders"}`}
        />
        <Tile
          label="Lifetime value to date"
          value={money(l.historical_clv)}
          hint={`revenue per customer over ${formatCount(l.customers)} customers, every order to the range's end`}
        />
        <Tile
          label="Predicted lifetime value"
          value={money(l.predicted_clv)}
          hint={
            l.predicted_clv === null
              ? "Needs customers from more than a year before the range's end to measure churn"
              : `${money(l.aov)} × ${l.frequency?.toFixed(2)} orders a year × ${l.lifespan_years?.toFixed(1)} years (yearly churn ${formatPercent(l.annual_churn)})`
          }
        />
      </div>
      <CohortTable row={row} />
    </div>
  )
}

/** Customers by month of first order; each cell the share who ordered again that many months later. */
const CohortTable = ({ row }: { row: CustomerFigures }) => {
  if (!row.cohorts.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No customer placed a first order in this range.
      </Text>
    )
  }
  const width = Math.max(0, ...row.cohorts.map((c) => c.months.length))
  return (
    <div className="overflow-x-auto">
      <table className="txt-compact-small border-collapse">
        <thead>
          <tr className="text-ui-fg-subtle">
            <th className="px-2 py-1 text-left font-normal">First order</th>
            <th className="px-2 py-1 text-right font-normal">Customers</th>
            {Array.from({ length: width }, (_, i) => (
              <th key={i} className="min-w-[4rem] px-2 py-1 text-right font-normal">
                +{i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row.cohorts.map((c) => (
            <tr key={c.cohort} className="border-t">
              <td className="whitespace-nowrap px-2 py-1">{formatMonth(c.cohort)}</td>
              <td className="px-2 py-1 text-right">{formatCount(c.customers)}</td>
              {Array.from({ length: width }, (_, i) => {
                const cell = c.months[i]
                return (
                  <td
                    key={i}
                    className="px-2 py-1 text-right"
                    style={cell ? cohortShade(cell.share) : undefined}
                    title={cell ? `${formatCount(cell.customers)} of ${formatCount(c.customers)} ordered in month +${cell.offset}` : undefined}
                  >
                    {cell ? formatPercent(cell.share, 0) : ""}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Text size="xsmall" className="mt-2 text-ui-fg-muted">
        Customers by the month of their first order; +n is the share who ordered in the n-th month after it. Months in the store's time zone.
      </Text>
    </div>
  )
}

const SegmentTable = ({ data, currency }: { data: AnalyticsSegments; currency: SegmentsByCurrency }) => {
  const label = (segment: string | null) => (segment === null ? "New since then" : data.rules.find((r) => r.segment === segment)?.label ?? segment)
  return (
    <div className="flex flex-col gap-y-3">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Segment</Table.HeaderCell>
            <Table.HeaderCell>Rule</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Customers</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Revenue to date</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {currency.segments.map((s) => {
            // Against last month's snapshot; until one is a month old, the previous computation.
            const before = data.month_baseline ? s.month_ago_customers : s.previous_customers
            const change = before === null ? null : s.customers - before
            return (
              <Table.Row key={s.segment}>
                <Table.Cell>{s.label}</Table.Cell>
                <Table.Cell className="text-ui-fg-subtle">{s.rule}</Table.Cell>
                <Table.Cell className="text-right">
                  <div className="flex items-center justify-end gap-x-2">
                    {formatCount(s.customers)}
                    {change !== null && change !== 0 && (
                      <Badge size="2xsmall" color={change > 0 ? "blue" : "grey"} title={data.month_baseline ? `Since ${formatDateTime(data.month_baseline.computed_at)}` : "Since the previous computation"}>
                        {change > 0 ? `+${change}` : change}
                      </Badge>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">{formatMoney(s.revenue, currency.currency_code)}</Table.Cell>
                <Table.Cell className="text-right">
                  {s.customers > 0 && (
                    <a
                      className="txt-compact-small-plus text-ui-fg-interactive"
                      href={`/admin/retention/analytics/segments/${s.segment}/export?currency_code=${currency.currency_code}`}
                      download
                    >
                      CSV
                    </a>
                  )}
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
      <Text size="xsmall" className="text-ui-fg-muted">
        {data.month_baseline
          ? `Change in customers since ${formatDateTime(data.month_baseline.computed_at)}, the computation nearest to a month before this one.`
          : "Change in customers since the previous computation (a month's change shows once a computation is a month old)."}
      </Text>
      {data.previous_run && (
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            Moved since {formatDateTime(data.previous_run.computed_at)}
          </Text>
          {currency.moves.length ? (
            <div className="flex flex-wrap gap-2">
              {currency.moves.map((m) => (
                <Badge key={`${m.from}-${m.to}`} size="small" color="grey">
                  {label(m.from)} → {label(m.to)}: {formatCount(m.customers)}
                </Badge>
              ))}
            </div>
          ) : (
            <Text size="small" className="text-ui-fg-subtle">
              Nobody changed segment.
            </Text>
          )}
        </div>
      )}
    </div>
  )
}

const Segments = () => {
  const client = useQueryClient()
  const { data, error } = useQuery({
    queryKey: ["retention", "analytics", "segments"],
    queryFn: () => sdk.client.fetch<AnalyticsSegments>("/admin/retention/analytics/segments"),
  })
  const recompute = useMutation({
    mutationFn: () => sdk.client.fetch<{ run: { scored: number } }>("/admin/retention/analytics/segments/recompute", { method: "POST", body: {} }),
    onSuccess: ({ run }) => {
      toast.success(`Segments recomputed: ${formatCount(run.scored)} customer scores`)
      client.invalidateQueries({ queryKey: ["retention", "analytics", "segments"] })
    },
    onError: (e) => toast.error(e instanceof Error ? e.message : "Could not recompute the segments"),
  })
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h2">RFM segments</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {data?.run
              ? `Computed ${formatDateTime(data.run.computed_at)} (${data.run.trigger === "manual" ? "by hand" : "nightly"}) from recency, frequency and monetary quintiles within each currency.`
              : "Not computed yet. They are computed every night, or now with the button."}
          </Text>
        </div>
        <Button size="small" variant="secondary" isLoading={recompute.isPending} onClick={() => recompute.mutate()}>
          Recompute now
        </Button>
      </div>
      {error && (
        <div className="px-6 py-3">
          <Text size="small" className="text-ui-fg-error">
            {error instanceof Error ? error.message : "Could not load the segments"}
          </Text>
        </div>
      )}
      {data?.currencies.map((currency) => (
        <div key={currency.currency_code} className="flex flex-col gap-y-2 px-6 py-4">
          <Text weight="plus">
            {currency.currency_code.toUpperCase()} · {formatCount(currency.customers)} customers
          </Text>
          <SegmentTable data={data} currency={currency} />
        </div>
      ))}
    </Container>
  )
}

const RetentionCustomersPage = () => {
  // The range lives in the URL, so a link or a reload shows the same figures.
  const [params, setParams] = useSearchParams()
  const days = Number(params.get("days") ?? DEFAULT_PRESET)
  const preset = (PRESETS as readonly number[]).includes(days) ? days : DEFAULT_PRESET
  const custom = params.get("from") && params.get("to") ? { from: params.get("from") ?? "", to: params.get("to") ?? "" } : null
  const range = custom ?? presetRange(preset)
  const [draft, setDraft] = useState(range)

  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "analytics", "customers", range.from, range.to],
    queryFn: () => sdk.client.fetch<AnalyticsCustomers>("/admin/retention/analytics/customers", { query: range }),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Heading level="h1">Customers</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Are customers coming back? Repeat purchase, order value, lifetime value and cohorts per currency, from your own orders.
          </Text>
        </div>
        <div className="flex flex-col gap-3 px-6 py-4 lg:flex-row lg:items-end lg:justify-between">
          <div className="flex flex-wrap gap-2">
            {PRESETS.map((value) => (
              <Button
                key={value}
                size="small"
                variant={!custom && preset === value ? "primary" : "secondary"}
                onClick={() => {
                  setParams({ days: String(value) })
                  setDraft(presetRange(value))
                }}
              >
                {value === 90 ? "90 days" : value === 365 ? "12 months" : "24 months"}
              </Button>
            ))}
          </div>
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              setParams({ from: draft.from, to: draft.to })
            }}
          >
            <label className="flex flex-col gap-y-1">
              <Text size="xsmall" className="text-ui-fg-subtle">
                From
              </Text>
              <Input type="date" size="small" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
            </label>
            <label className="flex flex-col gap-y-1">
              <Text size="xsmall" className="text-ui-fg-subtle">
                To
              </Text>
              <Input type="date" size="small" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
            </label>
            <Button type="submit" size="small" variant={custom ? "primary" : "secondary"} disabled={!draft.from || !draft.to}>
              Apply
            </Button>
          </form>
        </div>
        <div className="px-6 py-3">
          <Text size="small" className={error ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
            {error
              ? error instanceof Error
                ? error.message
                : "Could not load the figures"
              : data
                ? `${storeDays(data.range, data.time_zone)} (${data.time_zone})`
                : isLoading
                  ? "Loading…"
                  : ""}
          </Text>
        </div>
      </Container>

      {data &&
        (data.currencies.length ? (
          data.currencies.map((row) => (
            <Container key={row.currency_code} className="divide-y p-0">
              <div className="px-6 py-4">
                <Heading level="h2">{row.currency_code.toUpperCase()}</Heading>
              </div>
              <div className="px-6 py-4">
                <CurrencyFigures row={row} />
              </div>
            </Container>
          ))
        ) : (
          <Container>
            <Text size="small" className="text-ui-fg-subtle">
              No orders yet: the figures appear with the first customers' orders.
            </Text>
          </Container>
        ))}

      <Segments />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Customers", rank: 15 })

export default RetentionCustomersPage
