import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { ReactNode, useEffect, useState } from "react"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { FilterSelect } from "../../../components/filter-select"
import { SortHeader } from "../../../components/sort-header"
import { SubscriptionStatusBadge } from "../../../components/subscriptions/status-badge"
import { sdk } from "../../../lib/sdk"
import {
  formatDay,
  formatMoney,
  formatPercent,
  intervalLabel,
  itemsSummary,
  nextRenewal,
  relativeDay,
  statusLabel,
  SUBSCRIPTION_STATUSES,
  SubscriptionList,
  SubscriptionStats,
  SubscriptionView,
} from "../../../lib/subscriptions"
import { useDebouncedValue } from "../../../lib/use-debounced-value"

const PAGE_SIZE = 20
// Newest first, as the API sorts without an `order`; kept out of the URL.
const DEFAULT_ORDER = "-created_at"

/** One renewal's value in the subscription's own currency. */
const perRenewal = (s: SubscriptionView) => (s.renewal_value === null ? "–" : formatMoney(s.renewal_value, s.currency_code))
type FilterKey = "status" | "product_id" | "customer_id" | "q"

/** One KPI; with `to`, the whole card links to the list it counts. */
const Kpi = ({ label, value, hint, to, children }: { label: string; value: string; hint?: string; to?: string; children?: ReactNode }) => {
  const body = (
    <>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="xlarge" weight="plus" className="whitespace-pre-line">
        {value}
      </Text>
      {children}
      {hint && (
        <Text size="xsmall" className="text-ui-fg-muted">
          {hint}
        </Text>
      )}
    </>
  )
  const className = "flex h-full flex-col gap-y-1 rounded-lg border px-4 py-3"
  return to ? (
    <Link to={to} className={`${className} transition-colors hover:bg-ui-bg-base-hover`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  )
}

/** Amounts per currency, one line each, all the same size: no currency is the headline. */
const moneyLines = (amounts: { currency_code: string; amount: number }[]) =>
  amounts.length ? amounts.map((a) => formatMoney(a.amount, a.currency_code)).join("\n") : "–"

const Kpis = () => {
  const { data, error } = useQuery({
    queryKey: ["retention", "subscriptions", "stats"],
    queryFn: () => sdk.client.fetch<SubscriptionStats>("/admin/retention/subscriptions/stats"),
  })
  if (error) {
    return (
      <Text size="small" className="text-ui-fg-error">
        Could not load the figures: {error.message}
      </Text>
    )
  }
  if (!data) return <Text size="small">Loading…</Text>
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Kpi label="Active" value={data.active.toLocaleString()} to="/retention/subscriptions?status=active" />
      <Kpi label="Monthly recurring revenue" value={moneyLines(data.mrr)} hint="active subscriptions, every interval counted per month" />
      <Kpi
        label="Churn, last 30 days"
        value={formatPercent(data.churn_30d)}
        hint={`${data.canceled_30d.toLocaleString()} canceled`}
        to="/retention/subscriptions?status=canceled"
      />
      <Kpi
        label="Renewals in the next 7 days"
        value={data.due_7d.count.toLocaleString()}
        hint={data.due_7d.value.length ? data.due_7d.value.map((v) => formatMoney(v.amount, v.currency_code)).join(" · ") : "nothing due"}
      />
      <Kpi
        label="Payment failures"
        value={data.payment_failed.toLocaleString()}
        hint={data.payment_failed ? "on hold until the payment is updated" : "none on hold"}
        to="/retention/subscriptions?status=payment_failed"
      />
      <Kpi label="Paused" value={data.paused.toLocaleString()} to="/retention/subscriptions?status=paused" />
    </div>
  )
}

/** A text filter kept in the URL once typing stops. */
const useUrlText = (key: FilterKey, params: URLSearchParams, update: (changes: Partial<Record<FilterKey, string>>) => void) => {
  const [text, setText] = useState(params.get(key) ?? "")
  const debounced = useDebouncedValue(text.trim(), 300)
  const fromUrl = params.get(key) ?? ""
  useEffect(() => {
    if (fromUrl !== debounced) update({ [key]: debounced })
    // Only the debounced text should push to the URL.
  }, [debounced])
  // A link (a KPI card, the customer widget) changes the URL: the box follows it.
  useEffect(() => {
    if (fromUrl !== text.trim()) setText(fromUrl)
  }, [fromUrl])
  return [text, setText] as const
}

const SubscriptionsPage = () => {
  const navigate = useNavigate()
  // Filters live in the URL, so a KPI card or the customer widget can open a filtered list.
  const [params, setParams] = useSearchParams()
  const page = Math.max(Number(params.get("page") ?? 0) || 0, 0)
  const order = params.get("order") || DEFAULT_ORDER
  const update = (changes: Partial<Record<FilterKey | "page" | "order", string>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [key, value] of Object.entries(changes)) {
          if (value && !(key === "order" && value === DEFAULT_ORDER)) next.set(key, value)
          else next.delete(key)
        }
        if (!("page" in changes)) next.delete("page")
        return next
      },
      { replace: true }
    )
  }
  const [search, setSearch] = useUrlText("q", params, update)
  const [product, setProduct] = useUrlText("product_id", params, update)
  const [customer, setCustomer] = useUrlText("customer_id", params, update)

  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) })
  for (const key of ["status", "product_id", "customer_id", "q", "order"] as const) {
    const value = params.get(key)
    if (value) query.set(key, value)
  }
  const sortBy = (o: string) => update({ order: o })
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "subscriptions", "list", query.toString()],
    queryFn: () => sdk.client.fetch<SubscriptionList>(`/admin/retention/subscriptions?${query}`),
    placeholderData: keepPreviousData,
  })
  const count = data?.count ?? 0
  const pageCount = Math.max(Math.ceil(count / PAGE_SIZE), 1)
  const filtered = ["status", "product_id", "customer_id", "q"].some((k) => params.get(k))
  // The product and customer filters come as ids from a link (the product and customer widgets):
  // say whose subscriptions these are.
  const productId = params.get("product_id")
  const customerId = params.get("customer_id")
  const productName = useQuery({
    queryKey: ["retention", "subscriptions", "filter-product", productId],
    queryFn: () => sdk.client.fetch<{ product: { title: string } }>(`/admin/products/${productId}`, { query: { fields: "id,title" } }),
    enabled: !!productId,
    retry: false,
  })
  const customerName = useQuery({
    queryKey: ["retention", "subscriptions", "filter-customer", customerId],
    queryFn: () => sdk.client.fetch<{ customer: { email: string } }>(`/admin/customers/${customerId}`, { query: { fields: "id,email" } }),
    enabled: !!customerId,
    retry: false,
  })
  const filterNames = [
    productId ? `product ${productName.data?.product.title ?? (productName.isError ? `${productId} (not found)` : "…")}` : "",
    customerId ? `customer ${customerName.data?.customer.email ?? (customerName.isError ? `${customerId} (not found)` : "…")}` : "",
  ].filter(Boolean)

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-4 p-6">
        <div>
          <Heading level="h1">Subscriptions</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Auto-replenish subscriptions: each renewal is a real order through the store's checkout. Set a product's plan on its page.
          </Text>
        </div>
        <Kpis />
      </Container>

      <Container className="divide-y p-0">
        <div className="grid grid-cols-1 gap-2 px-6 py-4 sm:flex sm:flex-wrap sm:items-center">
          <div className="sm:w-[240px]">
            <Input
              size="small"
              type="search"
              placeholder="Search customer email"
              aria-label="Search customer email"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <FilterSelect
            label="Status"
            value={params.get("status") ?? ""}
            options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
            onChange={(status) => update({ status })}
            className="w-full sm:w-[170px]"
          />
          <div className="sm:w-[200px]">
            <Input size="small" placeholder="Product id (prod_…)" aria-label="Product id" value={product} onChange={(e) => setProduct(e.target.value)} />
          </div>
          <div className="sm:w-[200px]">
            <Input size="small" placeholder="Customer id (cus_…)" aria-label="Customer id" value={customer} onChange={(e) => setCustomer(e.target.value)} />
          </div>
          {filtered && (
            <Button size="small" variant="transparent" onClick={() => update({ status: "", product_id: "", customer_id: "", q: "" })}>
              Clear filters
            </Button>
          )}
          {filterNames.length > 0 && (
            <Text size="xsmall" className="w-full text-ui-fg-subtle">
              Subscriptions of {filterNames.join(" and ")}
            </Text>
          )}
        </div>
        {error ? (
          <Text size="small" className="px-6 py-4 text-ui-fg-error">
            Could not load subscriptions: {error.message}
          </Text>
        ) : (
          <>
            <div className="hidden overflow-x-auto md:block">
              <Table>
                <Table.Header>
                  <Table.Row>
                    <SortHeader field="email" label="Customer" order={order} onOrder={sortBy} />
                    <Table.HeaderCell>Items</Table.HeaderCell>
                    <SortHeader field="interval" label="Interval" order={order} onOrder={sortBy} />
                    <SortHeader field="status" label="Status" order={order} onOrder={sortBy} />
                    {/* Soonest first: the renewals coming up are what a merchant looks for. */}
                    <SortHeader field="period_at" label="Next renewal" order={order} onOrder={sortBy} />
                    <SortHeader field="created_at" label="Started" first="desc" order={order} onOrder={sortBy} />
                    <Table.HeaderCell className="text-right">Per renewal</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">Renewals</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {data?.subscriptions.map((s) => {
                    const next = nextRenewal(s)
                    const open = () => navigate(`/retention/subscriptions/${s.id}`)
                    return (
                      <Table.Row
                        key={s.id}
                        className="cursor-pointer"
                        tabIndex={0}
                        onClick={open}
                        onKeyDown={(e) => e.key === "Enter" && open()}
                      >
                        <Table.Cell>
                          <Link to={`/retention/subscriptions/${s.id}`} onClick={(e) => e.stopPropagation()} className="text-ui-fg-interactive">
                            {s.email}
                          </Link>
                        </Table.Cell>
                        <Table.Cell className="max-w-[320px] truncate" title={itemsSummary(s.items)}>
                          {itemsSummary(s.items)}
                        </Table.Cell>
                        <Table.Cell className="whitespace-nowrap">{intervalLabel(s.interval)}</Table.Cell>
                        <Table.Cell>
                          <SubscriptionStatusBadge status={s.status} />
                        </Table.Cell>
                        <Table.Cell className="whitespace-nowrap">
                          {next.text}
                          {next.date && <span className="text-ui-fg-subtle"> · {relativeDay(next.date)}</span>}
                          {next.note && <span className="text-ui-fg-subtle"> · {next.note}</span>}
                        </Table.Cell>
                        <Table.Cell className="whitespace-nowrap">{formatDay(s.created_at)}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap text-right">{perRenewal(s)}</Table.Cell>
                        <Table.Cell className="text-right">{s.renewal_count}</Table.Cell>
                      </Table.Row>
                    )
                  })}
                </Table.Body>
              </Table>
            </div>
            {/* On a phone, one block per subscription: a seven-column table would hide the status off-screen. */}
            <ul className="divide-y md:hidden">
              {data?.subscriptions.map((s) => {
                const next = nextRenewal(s)
                return (
                  <li key={s.id}>
                    <Link to={`/retention/subscriptions/${s.id}`} className="flex flex-col gap-y-1 px-6 py-3 hover:bg-ui-bg-base-hover">
                      <div className="flex items-center justify-between gap-2">
                        <Text size="small" weight="plus" className="min-w-0 truncate text-ui-fg-interactive">
                          {s.email}
                        </Text>
                        <SubscriptionStatusBadge status={s.status} />
                      </div>
                      <Text size="small">{itemsSummary(s.items)}</Text>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {intervalLabel(s.interval)} · {perRenewal(s)} · {s.renewal_count} {s.renewal_count === 1 ? "renewal" : "renewals"}
                      </Text>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        Next: {next.text}
                        {next.date && ` · ${relativeDay(next.date)}`}
                        {next.note && ` · ${next.note}`}
                      </Text>
                    </Link>
                  </li>
                )
              })}
            </ul>
            {isLoading ? (
              <Text size="small" className="px-6 py-4">
                Loading…
              </Text>
            ) : (
              !data?.subscriptions.length && (
                <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                  {filtered
                    ? "No subscriptions match these filters."
                    : "No subscriptions yet. Customers subscribe at checkout or from a past order once a product has a plan."}
                </Text>
              )
            )}
            {data && (
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
          </>
        )}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Subscriptions", rank: 20 })

export default SubscriptionsPage
