import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Select, Skeleton, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { FilterSelect } from "../../../components/filter-select"
import { NpsSettingsForm } from "../../../components/nps/settings-form"
import { SortHeader } from "../../../components/sort-header"
import { BarChart } from "../../../components/charts/bar-chart"
import { NpsTrendChart } from "../../../components/charts/trend-line"
import { presetRange } from "../../../lib/analytics"
import { formatDate, formatDateTime } from "../../../lib/customers"
import { CATEGORY_COLOR, formatNps, NPS_FILTER_KEYS, NpsDashboard, NpsResponseRow } from "../../../lib/nps"
import { sdk } from "../../../lib/sdk"
import { useDebouncedValue } from "../../../lib/use-debounced-value"

const PAGE_SIZE = 20
const PERIODS = [
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
]

type FeedProduct = { product_id: string; title: string | null; responses: number }

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`

const Stat = ({ label, value, hint }: { label: string; value?: string; hint?: string }) => (
  <div className="flex flex-col gap-y-1 rounded-lg border px-4 py-3">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    {value === undefined ? <Skeleton className="h-7 w-16" /> : <Text size="xlarge" weight="plus">{value}</Text>}
    {value === undefined ? (
      <Skeleton className="h-4 w-32" />
    ) : (
      hint && (
        <Text size="xsmall" className="text-ui-fg-muted">
          {hint}
        </Text>
      )
    )}
  </div>
)

const BAR_COLOR = (score: number) => (score >= 9 ? "var(--tag-green-icon)" : score >= 7 ? "var(--tag-neutral-icon)" : "var(--tag-red-icon)")

/** How many answers gave each score 0–10 (the charts' bars); a score nobody gave has no bar. */
const Distribution = ({ distribution }: { distribution: number[] }) => (
  <BarChart
    label={`Answers per score: ${distribution.map((n, s) => `${s}: ${n}`).join(", ")}`}
    empty="No confirmed answers in this selection."
    height={180}
    labelSlots={11}
    series={[{ key: "answers", label: "Answers", color: "var(--tag-neutral-icon)" }]}
    points={distribution.map((n, score) => ({
      key: String(score),
      axisLabel: String(score),
      title: `Score ${score} (${score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor"})`,
      values: { answers: n },
      color: BAR_COLOR(score),
      details: [{ label: n === 1 ? "Answer" : "Answers", value: n.toLocaleString() }],
    }))}
  />
)

/** The page's filters, kept in the URL so a reload or a shared link shows the same selection. */
function useNpsFilters() {
  const [params, setParams] = useSearchParams()
  const get = (key: string) => params.get(key) ?? ""
  const update = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value)
          else next.delete(key)
        }
        // Another selection starts on its first page.
        if (!("page" in changes)) next.delete("page")
        return next
      },
      { replace: true }
    )
  const query = new URLSearchParams()
  for (const key of NPS_FILTER_KEYS) if (get(key)) query.set(key, get(key))
  const page = Math.max(Number(get("page")) || 0, 0)
  return { get, update, query, page }
}

const NpsPage = () => {
  const filters = useNpsFilters()
  const { get, update, query, page } = filters
  const [search, setSearch] = useState(get("q"))
  const debounced = useDebouncedValue(search.trim(), 300)
  useEffect(() => {
    if (get("q") !== debounced) update({ q: debounced })
  }, [debounced])

  const dashboard = useQuery({
    queryKey: ["retention", "nps", "dashboard", query.toString()],
    queryFn: () => sdk.client.fetch<{ dashboard: NpsDashboard }>(`/admin/retention/nps/dashboard?${query}`),
    placeholderData: keepPreviousData,
  })
  const feedQuery = new URLSearchParams(query)
  feedQuery.set("limit", String(PAGE_SIZE))
  feedQuery.set("offset", String(page * PAGE_SIZE))
  // The responses table's order (?order=score); newest first stays out of the URL.
  const feedOrder = get("order") || "-confirmed_at"
  const sortFeed = (o: string) => update({ order: o === "-confirmed_at" ? "" : o })
  if (get("order")) feedQuery.set("order", get("order"))
  const feed = useQuery({
    queryKey: ["retention", "nps", "responses", feedQuery.toString()],
    queryFn: () => sdk.client.fetch<{ responses: NpsResponseRow[]; count: number }>(`/admin/retention/nps/responses?${feedQuery}`),
    placeholderData: keepPreviousData,
  })
  const products = useQuery({
    queryKey: ["retention", "nps", "products"],
    queryFn: () => sdk.client.fetch<{ products: FeedProduct[] }>("/admin/retention/nps/products"),
  })
  const exportQuery = new URLSearchParams(query)
  exportQuery.set("format", "csv")
  if (get("order")) exportQuery.set("order", get("order"))

  // The period select shows a preset when the dates are exactly one, "Custom" otherwise.
  const period = !get("from") && !get("to") ? "all" : (PERIODS.find((p) => {
    const range = presetRange(Number(p.value))
    return range.from === get("from") && range.to === get("to")
  })?.value ?? "custom")
  const filtered = NPS_FILTER_KEYS.some((key) => get(key))
  const answerFilter = !!(get("category") || get("with_comment") || get("q"))

  const d = dashboard.data?.dashboard
  const count = feed.data?.count ?? 0
  const pageCount = Math.max(Math.ceil(count / PAGE_SIZE), 1)
  const loadingRows = feed.isPending

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-4 p-6">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <Heading level="h1">NPS</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Net Promoter Score from post-delivery surveys. Only confirmed answers count; clicks by link scanners are discarded. The figures, charts and
              list below all follow these filters.
            </Text>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Select
            size="small"
            value={period}
            onValueChange={(v) => {
              if (v === "all") update({ from: "", to: "" })
              else if (v !== "custom") update(presetRange(Number(v)))
            }}
          >
            <Select.Trigger aria-label="Period" className="w-[160px]">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All time</Select.Item>
              {PERIODS.map((p) => (
                <Select.Item key={p.value} value={p.value}>
                  {p.label}
                </Select.Item>
              ))}
              <Select.Item value="custom" disabled>
                Custom dates
              </Select.Item>
            </Select.Content>
          </Select>
          <Input size="small" type="date" aria-label="Answered from" className="w-[150px]" value={get("from")} max={get("to") || undefined} onChange={(e) => update({ from: e.target.value })} />
          <Input size="small" type="date" aria-label="Answered until" className="w-[150px]" value={get("to")} min={get("from") || undefined} onChange={(e) => update({ to: e.target.value })} />
          <FilterSelect
            label="Category"
            className="w-[150px]"
            value={get("category")}
            onChange={(category) => update({ category })}
            options={[
              { value: "promoter", label: "Promoters (9–10)" },
              { value: "passive", label: "Passives (7–8)" },
              { value: "detractor", label: "Detractors (0–6)" },
            ]}
          />
          <FilterSelect
            label="Product"
            className="w-[200px]"
            value={get("product_id")}
            onChange={(product_id) => update({ product_id })}
            options={(products.data?.products ?? []).map((p) => ({
              value: p.product_id,
              label: `${p.title || p.product_id} (${p.responses})`,
            }))}
          />
          <FilterSelect
            label="Comment"
            className="w-[170px]"
            value={get("with_comment")}
            onChange={(with_comment) => update({ with_comment })}
            options={[
              { value: "true", label: "With a comment" },
              { value: "false", label: "Without a comment" },
            ]}
          />
          <Input
            size="small"
            type="search"
            aria-label="Search comments and emails"
            placeholder="Search comments and emails"
            className="w-[240px]"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          {filtered && (
            <Button
              size="small"
              variant="transparent"
              onClick={() => {
                setSearch("")
                update(Object.fromEntries(NPS_FILTER_KEYS.map((key) => [key, ""])))
              }}
            >
              Clear filters
            </Button>
          )}
        </div>
        {dashboard.isError && (
          <Text size="small" className="text-ui-fg-error">
            Could not load the figures: {dashboard.error.message}
          </Text>
        )}
        <div className={`grid grid-cols-2 gap-3 md:grid-cols-4 ${dashboard.isPlaceholderData ? "opacity-60" : ""}`}>
          <Stat label="NPS" value={d && formatNps(d.nps)} hint={d && [plural(d.promoters, "promoter", "promoters"), plural(d.passives, "passive", "passives"), plural(d.detractors, "detractor", "detractors")].join(" · ")} />
          <Stat label="Responses" value={d && d.responses.toLocaleString()} hint={d && `${d.with_comment.toLocaleString()} with a comment`} />
          <Stat
            label="Response rate"
            value={d && (d.response_rate === null ? "–" : `${d.response_rate} %`)}
            hint={
              d &&
              (answerFilter
                ? "Not for a filter on the answers"
                : `${d.surveys_answered.toLocaleString()} of ${d.surveys_sent.toLocaleString()} surveys sent${get("from") || get("to") ? " in the period" : ""}`)
            }
          />
          <Stat label="Not counted" value={d && (d.discarded + d.tentative).toLocaleString()} hint={d && `${plural(d.discarded, "scanner click", "scanner clicks")} · ${d.tentative.toLocaleString()} never confirmed`} />
        </div>
      </Container>

      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <Container className="flex min-w-0 flex-col gap-y-3 p-6">
          <div>
            <Heading level="h2">NPS over time</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {d ? `Per ${d.trend.bucket} (UTC); above the line more promoters than detractors.` : " "}
            </Text>
          </div>
          {d ? <NpsTrendChart trend={d.trend} /> : <Skeleton className="h-[220px] w-full" />}
        </Container>
        <Container className="flex min-w-0 flex-col gap-y-3 p-6">
          <div>
            <Heading level="h2">Score distribution</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Answers per score, 0 to 10.
            </Text>
          </div>
          {d ? <Distribution distribution={d.distribution} /> : <Skeleton className="h-[220px] w-full" />}
        </Container>
      </div>

      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <div>
            <Heading level="h2">Responses</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Confirmed answers, newest first unless sorted by a column.
            </Text>
          </div>
          <Button size="small" variant="secondary" asChild>
            <a href={`/admin/retention/nps/responses?${exportQuery}`} download>
              Export CSV
            </a>
          </Button>
        </div>
        <div className={`hidden md:block ${feed.isPlaceholderData ? "opacity-60" : ""}`}>
          <Table>
            <Table.Header>
              <Table.Row>
                <SortHeader field="score" label="Score" first="desc" order={feedOrder} onOrder={sortFeed} />
                <Table.HeaderCell>Comment</Table.HeaderCell>
                <Table.HeaderCell>Customer</Table.HeaderCell>
                <Table.HeaderCell>Order</Table.HeaderCell>
                <SortHeader field="confirmed_at" label="Answered" first="desc" order={feedOrder} onOrder={sortFeed} />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {loadingRows &&
                Array.from({ length: 5 }, (_, i) => (
                  <Table.Row key={i}>
                    {[40, 280, 180, 60, 90].map((w, j) => (
                      <Table.Cell key={j}>
                        <Skeleton className="h-4" style={{ width: w }} />
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              {feed.data?.responses.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>
                    <Badge size="2xsmall" color={CATEGORY_COLOR[r.category]}>
                      {r.score}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell className="max-w-[420px] whitespace-normal py-2">{r.comment ?? <span className="text-ui-fg-muted">–</span>}</Table.Cell>
                  <Table.Cell>
                    <CustomerLink row={r} />
                  </Table.Cell>
                  <Table.Cell>
                    <OrderLink row={r} />
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap" title={r.confirmed_at ? formatDateTime(r.confirmed_at) : undefined}>
                    {r.confirmed_at ? formatDate(r.confirmed_at) : "–"}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
        {/* On a phone, one block per answer: five columns would push the order and date off-screen. */}
        <ul className={`divide-y md:hidden ${feed.isPlaceholderData ? "opacity-60" : ""}`}>
          {loadingRows &&
            Array.from({ length: 4 }, (_, i) => (
              <li key={i} className="flex flex-col gap-y-2 px-6 py-3">
                <Skeleton className="h-4 w-40" />
                <Skeleton className="h-4 w-64" />
              </li>
            ))}
          {feed.data?.responses.map((r) => (
            <li key={r.id} className="flex flex-col gap-y-1 px-6 py-3">
              <div className="flex items-center justify-between gap-2">
                <Badge size="2xsmall" color={CATEGORY_COLOR[r.category]}>
                  {r.score}
                </Badge>
                <Text size="xsmall" className="text-ui-fg-subtle" title={r.confirmed_at ? formatDateTime(r.confirmed_at) : undefined}>
                  {r.confirmed_at ? formatDate(r.confirmed_at) : "–"}
                </Text>
              </div>
              {r.comment && <Text size="small">{r.comment}</Text>}
              <Text size="xsmall" className="flex min-w-0 flex-wrap gap-x-2 text-ui-fg-subtle">
                <CustomerLink row={r} />
                <span>·</span>
                <OrderLink row={r} />
              </Text>
            </li>
          ))}
        </ul>
        {feed.isError && !feed.data && (
          <Text size="small" className="px-6 py-4 text-ui-fg-error">
            Could not load the responses: {feed.error.message}
          </Text>
        )}
        {feed.data && !count && (
          <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
            {filtered ? "No confirmed answers match these filters." : "No confirmed answers yet. Surveys go out a few days after delivery."}
          </Text>
        )}
        {/* Only with rows: while loading or with nothing to page it would read "0 — 0 of 0 results". */}
        {feed.data && count > 0 && (
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={page}
            pageCount={pageCount}
            canPreviousPage={page > 0}
            canNextPage={page + 1 < pageCount}
            previousPage={() => update({ page: page > 1 ? String(page - 1) : "" })}
            nextPage={() => update({ page: String(page + 1) })}
          />
        )}
      </Container>
      <NpsSettingsForm />
    </div>
  )
}

const LINK = "text-ui-fg-interactive hover:text-ui-fg-interactive-hover"

/** The customer's page in Medusa's admin, when the customer still exists; the address otherwise. */
const CustomerLink = ({ row }: { row: NpsResponseRow }) =>
  row.customer_found && row.customer_id ? (
    <Link to={`/customers/${row.customer_id}`} className={`${LINK} break-all`}>
      {row.email}
    </Link>
  ) : (
    <span className="break-all">{row.email}</span>
  )

/** The order's page in Medusa's admin; an order that no longer exists (or never did) is not linked. */
const OrderLink = ({ row }: { row: NpsResponseRow }) => {
  const label = row.order_display_id ? `#${row.order_display_id}` : row.order_id
  return row.order_found ? (
    <Link to={`/orders/${row.order_id}`} className={LINK}>
      {label}
    </Link>
  ) : (
    <span className="text-ui-fg-muted" title="This order is not in the store">
      {label}
    </span>
  )
}

export const config = defineRouteConfig({ label: "NPS", rank: 40 })

export default NpsPage
