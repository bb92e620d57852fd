import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Select, Skeleton, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { DailyBars, fillDays } from "../../../components/charts/daily-bars"
import { FilterSelect } from "../../../components/filter-select"
import { SortHeader } from "../../../components/sort-header"
import { formatMoney } from "../../../lib/analytics"
import {
  DEFAULT_MEMBER_ORDER,
  formatPoints,
  LoyaltyDashboard,
  LoyaltyMember,
  LoyaltyMemberList,
  MEMBER_ORDERS,
  memberName,
} from "../../../lib/loyalty"
import { sdk } from "../../../lib/sdk"
import { formatDay } from "../../../lib/subscriptions"
import { useDebouncedValue } from "../../../lib/use-debounced-value"

const PAGE_SIZE = 20

/** Points issued, redeemed and expired per UTC day over the dashboard's 90 days (the shared bars). */
const Bars = ({ daily }: { daily: LoyaltyDashboard["daily"] }) => (
  <DailyBars
    points={fillDays(daily, ["issued", "redeemed", "expired"], 90)}
    series={[
      { key: "issued", label: "Issued", color: "var(--tag-green-icon)" },
      { key: "redeemed", label: "Redeemed", color: "var(--tag-blue-icon)" },
      { key: "expired", label: "Expired", color: "var(--tag-orange-icon)" },
    ]}
    empty="No points issued, redeemed or expired in the last 90 days."
    label="Points issued, redeemed and expired per day, last 90 days"
  />
)

const Kpi = ({ label, value }: { label: string; value?: string }) => (
  <div className="flex flex-col gap-y-1 rounded-lg border px-4 py-3">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    {value === undefined ? <Skeleton className="h-7 w-20" /> : <Text size="xlarge" weight="plus">{value}</Text>}
  </div>
)

const Dashboard = () => {
  const { data, error } = useQuery({
    queryKey: ["retention-loyalty-dashboard"],
    queryFn: () => sdk.client.fetch<LoyaltyDashboard>("/admin/retention/loyalty/dashboard", { query: { days: 90 } }),
  })
  const points = (n?: number) => (n === undefined ? undefined : formatPoints(n))
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-start justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h1">Loyalty</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Points on orders, redeemed as a discount at checkout; tiers on the points earned in the last 12 months.
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <Link to="/retention/loyalty/settings">Settings</Link>
        </Button>
      </div>
      {error ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-error">
          Could not load the figures: {error.message}
        </Text>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3 px-6 py-4 lg:grid-cols-4">
            <Kpi label="Members" value={points(data?.members)} />
            <Kpi label="Available points" value={points(data?.outstanding.available)} />
            <Kpi label="Pending points" value={points(data?.outstanding.pending)} />
            <Kpi label="On hold" value={points(data?.outstanding.held)} />
          </div>
          <div className="px-6 py-4">
            <Text weight="plus" className="mb-2">
              Last 90 days
            </Text>
            {data ? <Bars daily={data.daily} /> : <Skeleton className="h-40 w-full" />}
          </div>
          <div className="grid grid-cols-1 gap-6 px-6 py-4 sm:grid-cols-2">
            <div>
              <Text weight="plus" className="mb-2">
                Outstanding liability
              </Text>
              {!data ? (
                <Skeleton className="h-4 w-40" />
              ) : data.liability.length ? (
                data.liability.map((l) => (
                  <Text key={l.currency_code} size="small">
                    {l.currency_code === "none"
                      ? `Bonuses, not tied to a currency: ${formatMoney(l.amount, "none")} at the default point value`
                      : formatMoney(l.amount, l.currency_code)}{" "}
                    <span className="text-ui-fg-subtle">({formatPoints(l.points)} points)</span>
                  </Text>
                ))
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  None
                </Text>
              )}
            </div>
            <div>
              <Text weight="plus" className="mb-2">
                Members per tier
              </Text>
              {!data ? (
                <Skeleton className="h-4 w-40" />
              ) : (
                data.tiers.map((t) => (
                  <Text key={t.tier ?? "none"} size="small">
                    <Link
                      to={`/retention/loyalty?tier=${t.tier ?? "none"}`}
                      className="hover:text-ui-fg-interactive"
                    >
                      {t.tier ? (data.tier_names[t.tier] ?? t.tier) : "No tier"}: {formatPoints(t.members)}
                    </Link>
                  </Text>
                ))
              )}
            </div>
          </div>
        </>
      )}
    </Container>
  )
}

type Param = "q" | "tier" | "order" | "page"

const Worth = ({ m }: { m: LoyaltyMember }) =>
  m.available_value !== null && m.currency_code && m.available > 0 ? (
    <Text size="xsmall" className="text-ui-fg-subtle">
      {formatMoney(m.available_value, m.currency_code)}
    </Text>
  ) : null

const TierBadge = ({ m }: { m: LoyaltyMember }) =>
  m.tier ? <Badge size="2xsmall">{m.tier_name ?? m.tier}</Badge> : <span className="text-ui-fg-muted">–</span>

/** Every member: search, tier filter and order in the URL, so a link (a tier count) opens a filtered list. */
const Members = () => {
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const page = Math.max(Number(params.get("page") ?? 0) || 0, 0)
  const order = params.get("order") || DEFAULT_MEMBER_ORDER
  const tier = params.get("tier") ?? ""
  const update = (changes: Partial<Record<Param, string>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [key, value] of Object.entries(changes)) {
          if (value && !(key === "order" && value === DEFAULT_MEMBER_ORDER)) next.set(key, value)
          else next.delete(key)
        }
        if (!("page" in changes)) next.delete("page")
        return next
      },
      { replace: true }
    )
  // The box keeps what is typed; the URL (and the request) follow once typing stops.
  const fromUrl = params.get("q") ?? ""
  const [search, setSearch] = useState(fromUrl)
  const debounced = useDebouncedValue(search.trim(), 300)
  useEffect(() => {
    if (debounced !== fromUrl) update({ q: debounced })
  }, [debounced])
  useEffect(() => {
    if (fromUrl !== search.trim()) setSearch(fromUrl)
  }, [fromUrl])

  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE), order })
  if (fromUrl) query.set("q", fromUrl)
  if (tier) query.set("tier", tier)
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention-loyalty-members", query.toString()],
    queryFn: () => sdk.client.fetch<LoyaltyMemberList>(`/admin/retention/loyalty/members?${query}`),
    placeholderData: keepPreviousData,
  })
  const count = data?.count ?? 0
  const pageCount = Math.max(Math.ceil(count / PAGE_SIZE), 1)
  const filtered = !!(fromUrl || tier)
  const open = (m: LoyaltyMember) => navigate(`/retention/loyalty/members/${m.customer_id}`)
  const memberLink = (m: LoyaltyMember) => `/retention/loyalty/members/${m.customer_id}`

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">Members</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Every customer with points or points history. Open one for the ledger and a manual adjustment.
        </Text>
      </div>
      <div className="grid grid-cols-1 gap-2 px-6 py-4 sm:flex sm:flex-wrap sm:items-center">
        <div className="sm:w-[260px]">
          <Input
            size="small"
            type="search"
            placeholder="Search email or name"
            aria-label="Search email or name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <FilterSelect
          label="Tier"
          value={tier}
          options={[...(data?.tiers ?? []).map((t) => ({ value: t.key, label: t.name })), { value: "none", label: "No tier" }]}
          onChange={(value) => update({ tier: value })}
          className="w-full sm:w-[160px]"
        />
        <Select size="small" value={order} onValueChange={(value) => update({ order: value })}>
          <Select.Trigger aria-label="Sort" className="w-full sm:w-[210px]">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {MEMBER_ORDERS.map((o) => (
              <Select.Item key={o.value} value={o.value}>
                {o.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
        {filtered && (
          <Button size="small" variant="transparent" onClick={() => (setSearch(""), update({ q: "", tier: "" }))}>
            Clear filters
          </Button>
        )}
      </div>
      {error ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-error">
          Could not load members: {error.message}
        </Text>
      ) : (
        <>
          <div className="hidden md:block">
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Customer</Table.HeaderCell>
                  <SortHeader field="tier" label="Tier" first="desc" order={order} onOrder={(o) => update({ order: o })} />
                  <SortHeader field="available" label="Available" first="desc" className="text-right" order={order} onOrder={(o) => update({ order: o })} />
                  <SortHeader field="pending" label="Pending" first="desc" className="text-right" order={order} onOrder={(o) => update({ order: o })} />
                  <SortHeader field="lifetime_earned" label="Lifetime earned" first="desc" className="text-right" order={order} onOrder={(o) => update({ order: o })} />
                  <Table.HeaderCell>Member since</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {isLoading
                  ? Array.from({ length: 6 }, (_, i) => (
                      <Table.Row key={i}>
                        {[180, 60, 50, 50, 50, 90].map((w, j) => (
                          <Table.Cell key={j}>
                            <Skeleton className="h-4" style={{ width: w }} />
                          </Table.Cell>
                        ))}
                      </Table.Row>
                    ))
                  : data?.members.map((m) => (
                      <Table.Row key={m.customer_id} className="cursor-pointer" tabIndex={0} onClick={() => open(m)} onKeyDown={(e) => e.key === "Enter" && open(m)}>
                        <Table.Cell className="max-w-[320px]">
                          <Link to={memberLink(m)} onClick={(e) => e.stopPropagation()} className="block truncate text-ui-fg-interactive">
                            {memberName(m)}
                          </Link>
                          {(m.first_name || m.last_name) && m.email && (
                            <Text size="xsmall" className="truncate text-ui-fg-subtle">
                              {m.email}
                            </Text>
                          )}
                        </Table.Cell>
                        <Table.Cell>
                          <TierBadge m={m} />
                        </Table.Cell>
                        <Table.Cell className="text-right">
                          {formatPoints(m.available)}
                          <Worth m={m} />
                        </Table.Cell>
                        <Table.Cell className="text-right">{formatPoints(m.pending)}</Table.Cell>
                        <Table.Cell className="text-right">{formatPoints(m.lifetime_earned)}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap">{formatDay(m.created_at)}</Table.Cell>
                      </Table.Row>
                    ))}
              </Table.Body>
            </Table>
          </div>
          {/* On a phone, one block per member: six columns would push the balances off-screen. */}
          <ul className="divide-y md:hidden">
            {isLoading
              ? Array.from({ length: 4 }, (_, i) => (
                  <li key={i} className="flex flex-col gap-y-2 px-6 py-3">
                    <Skeleton className="h-4 w-40" />
                    <Skeleton className="h-3 w-56" />
                  </li>
                ))
              : data?.members.map((m) => (
                  <li key={m.customer_id}>
                    <Link to={memberLink(m)} className="flex flex-col gap-y-1 px-6 py-3 hover:bg-ui-bg-base-hover">
                      <div className="flex items-center justify-between gap-2">
                        <Text size="small" weight="plus" className="min-w-0 truncate text-ui-fg-interactive">
                          {memberName(m)}
                        </Text>
                        <TierBadge m={m} />
                      </div>
                      {(m.first_name || m.last_name) && m.email && (
                        <Text size="xsmall" className="truncate text-ui-fg-subtle">
                          {m.email}
                        </Text>
                      )}
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {formatPoints(m.available)} available
                        {m.available_value !== null && m.currency_code && m.available > 0 ? ` (${formatMoney(m.available_value, m.currency_code)})` : ""} ·{" "}
                        {formatPoints(m.pending)} pending · {formatPoints(m.lifetime_earned)} lifetime
                      </Text>
                    </Link>
                  </li>
                ))}
          </ul>
          {!isLoading && !data?.members.length && (
            <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
              {filtered ? "No members match these filters." : "No members yet. Customers join when they earn their first points."}
            </Text>
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
  )
}

const LoyaltyPage = () => (
  <div className="flex flex-col gap-y-3">
    <Dashboard />
    <Members />
  </div>
)

export const config = defineRouteConfig({ label: "Loyalty", rank: 30 })

export default LoyaltyPage
