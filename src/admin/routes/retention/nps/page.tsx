import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link } from "react-router-dom"
import { FilterSelect } from "../../../components/filter-select"
import { NpsSettingsForm } from "../../../components/nps/settings-form"
import { CATEGORY_COLOR, formatNps, NpsDashboard, NpsResponseRow, when } from "../../../lib/nps"
import { sdk } from "../../../lib/sdk"

const PAGE_SIZE = 20


const Stat = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
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

/** Bars as plain divs: no chart library, heights relative to the largest value. */
const Bars = ({ items }: { items: { label: string; value: number; title: string; color?: string }[] }) => {
  const max = Math.max(1, ...items.map((i) => Math.abs(i.value)))
  return (
    <div className="flex h-40 items-end gap-x-1">
      {items.map((i) => (
        <div key={i.label} className="flex flex-1 flex-col items-center gap-y-1" title={i.title}>
          <div className={`w-full rounded-t ${i.color ?? "bg-ui-fg-interactive"}`} style={{ height: `${(Math.abs(i.value) / max) * 120}px` }} />
          <Text size="xsmall" className="text-ui-fg-subtle">
            {i.label}
          </Text>
        </div>
      ))}
    </div>
  )
}

type FeedProduct = { product_id: string; title: string | null; responses: number }

const scoreColor = (score: number) => (score >= 9 ? "bg-ui-tag-green-icon" : score >= 7 ? "bg-ui-tag-neutral-icon" : "bg-ui-tag-red-icon")

const NpsPage = () => {
  const [category, setCategory] = useState("")
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [product, setProduct] = useState("")
  const [page, setPage] = useState(0)

  const dashboard = useQuery({
    queryKey: ["retention", "nps", "dashboard"],
    queryFn: () => sdk.client.fetch<{ dashboard: NpsDashboard }>("/admin/retention/nps/dashboard"),
  })

  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) })
  if (category) params.set("category", category)
  if (from) params.set("from", from)
  if (to) params.set("to", to)
  if (product) params.set("product_id", product)
  const feed = useQuery({
    queryKey: ["retention", "nps", "responses", params.toString()],
    queryFn: () => sdk.client.fetch<{ responses: NpsResponseRow[]; count: number }>(`/admin/retention/nps/responses?${params}`),
    placeholderData: keepPreviousData,
  })
  const products = useQuery({
    queryKey: ["retention", "nps", "products"],
    queryFn: () => sdk.client.fetch<{ products: FeedProduct[] }>("/admin/retention/nps/products"),
  })

  const d = dashboard.data?.dashboard
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-4 p-6">
        <div>
          <Heading level="h1">NPS</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Net Promoter Score from post-delivery surveys. Only confirmed answers count; clicks by link scanners are discarded.
          </Text>
        </div>
        {dashboard.isLoading && <Text>Loading…</Text>}
        {dashboard.error && <Text>Could not load the dashboard.</Text>}
        {d && (
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat label="NPS, last 30 days" value={formatNps(d.nps_30)} hint={`${d.responses_30} responses`} />
            <Stat label="NPS, last 90 days" value={formatNps(d.nps_90)} hint={`${d.responses_90} responses`} />
            <Stat label="NPS, all time" value={formatNps(d.nps_all)} hint={`${d.promoters_all} promoters · ${d.passives_all} passives · ${d.detractors_all} detractors`} />
            <Stat
              label="Response rate"
              value={d.response_rate === null ? "–" : `${d.response_rate}%`}
              hint={`${d.responses_all} of ${d.surveys_sent} surveys · ${d.discarded} discarded as scanners`}
            />
          </div>
        )}
      </Container>

      {d && (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <Container className="flex flex-col gap-y-3 p-6">
            <Heading level="h2">Weekly trend (90 days)</Heading>
            {d.weekly.length ? (
              <Bars
                items={d.weekly.map((w) => ({
                  label: w.week.slice(5),
                  value: w.nps ?? 0,
                  title: `Week of ${w.week}: NPS ${formatNps(w.nps)} from ${w.responses} responses`,
                  color: (w.nps ?? 0) < 0 ? "bg-ui-tag-red-icon" : "bg-ui-tag-green-icon",
                }))}
              />
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No confirmed responses in the last 90 days.
              </Text>
            )}
          </Container>
          <Container className="flex flex-col gap-y-3 p-6">
            <Heading level="h2">Score distribution</Heading>
            <Bars items={d.distribution.map((n, score) => ({ label: String(score), value: n, title: `${n} × ${score}`, color: scoreColor(score) }))} />
          </Container>
        </div>
      )}

      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <Heading level="h2">Comments</Heading>
          <div className="flex flex-wrap items-center gap-2">
            <FilterSelect
              label="Category"
              className="w-[160px]"
              value={category}
              onChange={(v) => (setCategory(v), setPage(0))}
              options={[
                { value: "promoter", label: "Promoters" },
                { value: "passive", label: "Passives" },
                { value: "detractor", label: "Detractors" },
              ]}
            />
            <FilterSelect
              label="Product"
              className="w-[200px]"
              value={product}
              onChange={(v) => (setProduct(v), setPage(0))}
              options={(products.data?.products ?? []).map((p) => ({
                value: p.product_id,
                label: `${p.title || p.product_id} (${p.responses})`,
              }))}
            />
            <Input size="small" type="date" aria-label="From" value={from} onChange={(e) => (setFrom(e.target.value), setPage(0))} />
            <Input size="small" type="date" aria-label="To" value={to} onChange={(e) => (setTo(e.target.value), setPage(0))} />
          </div>
        </div>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Score</Table.HeaderCell>
              <Table.HeaderCell>Comment</Table.HeaderCell>
              <Table.HeaderCell>Customer</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell>Answered</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {feed.data?.responses.map((r) => (
              <Table.Row key={r.id}>
                <Table.Cell>
                  <Badge size="2xsmall" color={CATEGORY_COLOR[r.category]}>
                    {r.score}
                  </Badge>
                </Table.Cell>
                <Table.Cell className="max-w-[420px] whitespace-normal">{r.comment ?? "–"}</Table.Cell>
                <Table.Cell>{r.email}</Table.Cell>
                <Table.Cell>
                  <Link to={`/orders/${r.order_id}`}>{r.order_display_id ? `#${r.order_display_id}` : r.order_id}</Link>
                </Table.Cell>
                <Table.Cell>{when(r.confirmed_at)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        {feed.isPending && (
          <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
            Loading responses…
          </Text>
        )}
        {feed.isError && !feed.data && (
          <Text size="small" className="px-6 py-4 text-ui-fg-error">
            Could not load the responses: {feed.error.message}
          </Text>
        )}
        {feed.data && !feed.data.responses.length && (
          <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
            No responses match.
          </Text>
        )}
        {/* Only with a count to show: before the first answer it would read "0 — 0 of 0 results". */}
        {feed.data && (
          <Table.Pagination
            count={feed.data.count}
            pageSize={PAGE_SIZE}
            pageIndex={page}
            pageCount={Math.max(1, Math.ceil(feed.data.count / PAGE_SIZE))}
            canPreviousPage={page > 0}
            canNextPage={(page + 1) * PAGE_SIZE < feed.data.count}
            previousPage={() => setPage((p) => Math.max(0, p - 1))}
            nextPage={() => setPage((p) => p + 1)}
          />
        )}
      </Container>
      <NpsSettingsForm />
    </div>
  )
}

export const config = defineRouteConfig({ label: "NPS", rank: 40 })

export default NpsPage
