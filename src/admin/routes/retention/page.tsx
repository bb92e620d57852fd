import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Sparkles } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Input, StatusBadge, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { ReactNode, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { BarChart } from "../../components/charts/bar-chart"
import { ChartEmpty } from "../../components/charts/chart-parts"
import {
  AnalyticsOverview,
  CurrencyRevenue,
  delta,
  formatCount,
  formatMoney,
  formatPercent,
  presetRange,
  RANGE_PRESETS,
  readableRange,
  RevenueSeries,
} from "../../lib/analytics"
import { axisMoney, bucketLabel, shortDay } from "../../lib/daily-chart"
import { Overview, sdk } from "../../lib/sdk"

/**
 * Change against the previous period. Counts and money change by a percentage; a rate (0–1)
 * changes by percentage points and the NPS by points, because "NPS up 1816 %" from a previous
 * score near zero says nothing. `lowerIsBetter` for bounces, complaints, unsubscribes, expired
 * points and detractors, where a rise is bad news.
 */
/** "1 order", "3 orders", "1 renewal order". */
const orders = (n: number, noun = "order") => `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`

const Delta = ({
  current,
  previous,
  kind = "count",
  lowerIsBetter = false,
  format = (n: number) => formatCount(Math.round(n * 100) / 100),
}: {
  current: number | null
  previous: number | null
  kind?: "count" | "rate" | "points"
  lowerIsBetter?: boolean
  /** How a change from nothing is written (money in its currency). */
  format?: (n: number) => string
}) => {
  const d = delta(current, previous)
  if (!d) return null
  if (d.change === 0) {
    return (
      <Badge size="2xsmall" color="grey">
        = previous
      </Badge>
    )
  }
  const good = lowerIsBetter ? d.change < 0 : d.change > 0
  const arrow = d.change > 0 ? "↑" : "↓"
  const size = Math.abs(d.change)
  const amount =
    kind === "rate"
      ? `${(size * 100).toFixed(1)} pt`
      : kind === "points"
        ? `${size.toFixed(1)} pt`
        : d.percent === null
          ? `+${format(size)}`
          : `${Math.abs(d.percent).toFixed(0)} %`
  return (
    <Badge size="2xsmall" color={good ? "green" : "red"} title="Against the previous period of the same length">
      {arrow} {amount}
    </Badge>
  )
}

/** One figure that links to the page explaining it. */
const Figure = ({
  label,
  value,
  to,
  hint,
  card = false,
  children,
}: {
  label: string
  value: string
  to: string
  hint?: string
  /** A headline card on the page background rather than a tile inside a section. */
  card?: boolean
  children?: ReactNode
}) => (
  <Link
    to={to}
    className={`flex h-full flex-col gap-y-1 rounded-lg px-4 py-3 transition-colors hover:bg-ui-bg-base-hover ${
      card ? "bg-ui-bg-base shadow-elevation-card-rest" : "border"
    }`}
  >
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    {/* Several currencies are one per line; the change badge then goes under them. */}
    <div className={value.includes("\n") ? "flex flex-col items-start gap-1" : "flex flex-wrap items-center gap-2"}>
      <Text size="xlarge" weight="plus" className="whitespace-pre-line">
        {value}
      </Text>
      {children}
    </div>
    {hint && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {hint}
      </Text>
    )}
  </Link>
)

const Section = ({ title, link, linkLabel, children }: { title: string; link: string; linkLabel: string; children: ReactNode }) => (
  <Container className="divide-y p-0">
    <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
      <Heading level="h2">{title}</Heading>
      <Link to={link} className="txt-compact-small-plus text-ui-fg-interactive">
        {linkLabel} →
      </Link>
    </div>
    <div className="px-6 py-4">{children}</div>
  </Container>
)

const Empty = ({ children }: { children: ReactNode }) => (
  <Text size="small" className="text-ui-fg-subtle">
    {children}
  </Text>
)

/** Attributed revenue as a share of store revenue: a plain bar, one per currency. */
const ShareBar = ({ row }: { row: CurrencyRevenue }) => {
  const total = Math.max(row.store_revenue, row.attributed_revenue, 0.01)
  const renewals = Math.min(row.renewal_revenue, row.attributed_revenue)
  const loyalty = Math.min(row.loyalty_revenue, row.attributed_revenue - renewals)
  const recoveredOnly = Math.max(row.attributed_revenue - loyalty - renewals, 0)
  return (
    <div className="flex h-2 w-full overflow-hidden rounded-full bg-ui-bg-subtle" title={`Attributed ${formatPercent(row.attributed_share)} of store revenue`}>
      <div className="bg-ui-tag-blue-icon" style={{ width: `${(recoveredOnly / total) * 100}%` }} />
      <div className="bg-ui-tag-purple-icon" style={{ width: `${(loyalty / total) * 100}%` }} />
      <div className="bg-ui-tag-green-icon" style={{ width: `${(renewals / total) * 100}%` }} />
    </div>
  )
}

// The programs' colours, as in the share bar above the figures.
const PROGRAM_SERIES = [
  { key: "recovered", label: "Recovered carts", color: "var(--tag-blue-icon)" },
  { key: "renewal", label: "Subscription renewals", color: "var(--tag-green-icon)" },
  { key: "loyalty", label: "Orders that redeemed points", color: "var(--tag-purple-icon)" },
]

/**
 * Store revenue per day or week in one currency, the attributed part stacked inside it. An order
 * in two programs is drawn once (recovered first, then renewals, then points); the tooltip gives
 * each program's own figure, as the tiles above do.
 */
const RevenueChart = ({ currency, buckets, bucket }: { currency: string; buckets: RevenueSeries["currencies"][number]["buckets"]; bucket: RevenueSeries["bucket"] }) => {
  const money = (n: number) => formatMoney(n, currency)
  const total = buckets.reduce((s, b) => s + b.store_revenue, 0)
  const attributed = buckets.reduce((s, b) => s + b.attributed_revenue, 0)
  return (
    <div className="flex flex-col gap-y-2">
      <Text size="small" weight="plus">
        {currency.toUpperCase()}
      </Text>
      <BarChart
        mode="stacked"
        integer={false}
        label={`${currency.toUpperCase()} store revenue per ${bucket}, ${buckets.length} ${bucket}s from ${bucketLabel(buckets[0]?.start ?? "", bucket)}: ${money(total)}, of which ${money(attributed)} attributed`}
        empty="No orders in this range."
        formatValue={money}
        formatTick={(n) => axisMoney(n, currency)}
        totalLabel="Other store revenue"
        series={PROGRAM_SERIES}
        points={buckets.map((b) => ({
          key: b.start,
          axisLabel: shortDay(b.start),
          title: bucketLabel(b.start, bucket),
          total: b.store_revenue,
          values: { recovered: b.stack.recovered, renewal: b.stack.renewal, loyalty: b.stack.loyalty },
          details: [
            { label: `Store revenue (${formatCount(b.store_orders)} ${b.store_orders === 1 ? "order" : "orders"})`, value: money(b.store_revenue) },
            { label: "Attributed", value: money(b.attributed_revenue) },
            { label: "Recovered carts", value: money(b.recovered_revenue), color: PROGRAM_SERIES[0].color },
            { label: "Subscription renewals", value: money(b.renewal_revenue), color: PROGRAM_SERIES[1].color },
            { label: "Redeemed points", value: money(b.loyalty_revenue), color: PROGRAM_SERIES[2].color },
          ],
        }))}
      />
    </div>
  )
}

/** Amounts in several currencies, one per line (a row of them does not fit a tile). */
const moneyLines = (amounts: { currency_code: string; amount: number }[]) =>
  amounts.length ? amounts.map((a) => formatMoney(a.amount, a.currency_code)).join("\n") : "–"

const RevenueRow = ({ row, previous }: { row: CurrencyRevenue; previous?: CurrencyRevenue }) => {
  const money = (n: number) => formatMoney(n, row.currency_code)
  return (
    <div className="flex flex-col gap-y-3 py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Text weight="plus">{row.currency_code.toUpperCase()}</Text>
        <Text size="small" className="text-ui-fg-subtle">
          {money(row.attributed_revenue)} of {money(row.store_revenue)} store revenue ({formatPercent(row.attributed_share)})
        </Text>
      </div>
      <ShareBar row={row} />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        <Figure label="Recovered carts" value={money(row.recovered_revenue)} to="/retention/campaigns" hint={`${orders(row.recovered_orders)} credited to a recovery email`}>
          <Delta current={row.recovered_revenue} previous={previous?.recovered_revenue ?? 0} format={money} />
        </Figure>
        <Figure label="Orders that redeemed points" value={money(row.loyalty_revenue)} to="/retention/loyalty" hint={orders(row.loyalty_orders)}>
          <Delta current={row.loyalty_revenue} previous={previous?.loyalty_revenue ?? 0} format={money} />
        </Figure>
        <Figure label="Subscription renewals" value={money(row.renewal_revenue)} to="/retention/subscriptions" hint={orders(row.renewal_orders, "renewal order")}>
          <Delta current={row.renewal_revenue} previous={previous?.renewal_revenue ?? 0} format={money} />
        </Figure>
        <Figure label="Attributed, each order once" value={money(row.attributed_revenue)} to="/retention/campaigns" hint={`${formatCount(row.attributed_orders)} of ${orders(row.store_orders)}`}>
          <Delta current={row.attributed_revenue} previous={previous?.attributed_revenue ?? 0} format={money} />
        </Figure>
        <Figure
          label="Incremental over holdout"
          value={row.incremental_revenue === null ? "–" : money(row.incremental_revenue)}
          to="/retention/campaigns"
          hint={
            row.holdout_carts
              ? `${formatCount(row.emailed_carts)} emailed carts vs ${formatCount(row.holdout_carts)} holdout (${formatCount(row.holdout_orders)} ordered)`
              : "No holdout carts in this range: set a holdout share on a campaign to measure lift"
          }
        />
      </div>
    </div>
  )
}

/**
 * Subscriptions: active ones and their monthly recurring revenue today (as the Subscriptions
 * page counts them), renewal orders' revenue in the range, and subscriptions started and
 * canceled in it.
 */
const SubscriptionFigures = ({ data }: { data: AnalyticsOverview }) => {
  const now = data.now.subscriptions
  const cur = data.current
  const prev = data.previous
  const renewals = cur.revenue.filter((r) => r.renewal_orders > 0)
  const renewalOrders = renewals.reduce((n, r) => n + r.renewal_orders, 0)
  const previousOrders = prev.revenue.reduce((n, r) => n + r.renewal_orders, 0)
  const live = now.active + now.paused + now.payment_failed
  if (!live && !renewalOrders && !cur.subscriptions.started && !cur.subscriptions.canceled) {
    return (
      <Empty>
        No subscriptions yet. Give a product a subscription plan on its page: shoppers subscribe at checkout, and every renewal is a real order that
        shows here.
      </Empty>
    )
  }
  const onHold = [now.paused ? `${formatCount(now.paused)} paused` : "", now.payment_failed ? `${formatCount(now.payment_failed)} payment failed` : ""]
    .filter(Boolean)
    .join(" · ")
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      <Figure label="Active subscriptions" value={formatCount(now.active)} to="/retention/subscriptions?status=active" hint={onHold || "none paused or on hold"} />
      <Figure label="Monthly recurring revenue" value={moneyLines(now.mrr)} to="/retention/subscriptions?status=active" hint="today; every interval counted per month" />
      <Figure
        label="Renewal revenue"
        value={moneyLines(renewals.map((r) => ({ currency_code: r.currency_code, amount: r.renewal_revenue })))}
        to="/retention/subscriptions"
        hint={`${formatCount(renewalOrders)} renewal ${renewalOrders === 1 ? "order" : "orders"} in the range, ${formatCount(previousOrders)} in the period before`}
      />
      <Figure label="New subscriptions" value={formatCount(cur.subscriptions.started)} to="/retention/subscriptions">
        <Delta current={cur.subscriptions.started} previous={prev.subscriptions.started} />
      </Figure>
      <Figure
        label="Canceled"
        value={formatCount(cur.subscriptions.canceled)}
        to="/retention/subscriptions?status=canceled"
        hint={`Churn ${formatPercent(now.churn_30d)} over the last 30 days`}
      >
        <Delta current={cur.subscriptions.canceled} previous={prev.subscriptions.canceled} lowerIsBetter />
      </Figure>
    </div>
  )
}

type Preset = (typeof RANGE_PRESETS)[number]

const RetentionOverviewPage = () => {
  // The range lives in the URL, so a link or a reload shows the same figures.
  const [params, setParams] = useSearchParams()
  const days = Number(params.get("days") ?? 30)
  const custom = params.get("from") && params.get("to") ? { from: params.get("from") ?? "", to: params.get("to") ?? "" } : null
  const preset = (RANGE_PRESETS as readonly number[]).includes(days) ? (days as Preset) : 30
  const range = custom ?? presetRange(preset)
  const [draft, setDraft] = useState(range)

  const status = useQuery({
    queryKey: ["retention", "overview"],
    queryFn: () => sdk.client.fetch<Overview>("/admin/retention/overview"),
    refetchInterval: 60_000,
  })
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "analytics", "overview", range.from, range.to],
    queryFn: () => sdk.client.fetch<AnalyticsOverview>("/admin/retention/analytics/overview", { query: range }),
    placeholderData: keepPreviousData,
  })

  const choosePreset = (value: Preset) => {
    setParams({ days: String(value) })
    setDraft(presetRange(value))
  }
  const applyCustom = () => setParams({ from: draft.from, to: draft.to })
  const errorMessage = error instanceof Error ? error.message : error ? "Could not load the figures" : null

  const cur = data?.current
  const prev = data?.previous
  // The messages the email figures count: created in the range (status narrows to the current one).
  const messagesLink = (status?: string) => {
    const link = new URLSearchParams(data ? { created_after: data.range.from, created_before: data.range.to } : {})
    if (status) link.set("status", status)
    return `/retention/messages?${link.toString()}`
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Heading level="h1">Retention overview</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What cart recovery, loyalty points, subscriptions and NPS surveys did for the store, computed from your own orders and the plugin's tables.
          </Text>
        </div>
        <div className="flex flex-col gap-3 px-6 py-4 lg:flex-row lg:items-end lg:justify-between">
          <div className="flex flex-wrap gap-2">
            {RANGE_PRESETS.map((value) => (
              <Button key={value} size="small" variant={!custom && preset === value ? "primary" : "secondary"} onClick={() => choosePreset(value)}>
                {value === 365 ? "12 months" : `${value} days`}
              </Button>
            ))}
          </div>
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault()
              applyCustom()
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
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-3">
          <Text size="small" className="text-ui-fg-subtle">
            {data
              ? `${readableRange(data.range, data.time_zone)}, compared with ${readableRange(data.previous_range, data.time_zone)} (${data.time_zone})`
              : isLoading
                ? "Loading…"
                : ""}
          </Text>
          {status.data && <SchedulerBadge scheduler={status.data.scheduler} />}
        </div>
        {errorMessage && (
          <div className="px-6 py-3">
            <Text size="small" className="text-ui-fg-error">
              {errorMessage}
            </Text>
          </div>
        )}
      </Container>

      {cur && prev && data && (
        <>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
            <Figure card
                label="Attributed revenue"
                value={moneyLines(cur.revenue.map((r) => ({ currency_code: r.currency_code, amount: r.attributed_revenue })))}
                to="/retention/campaigns"
                hint={cur.revenue.length ? cur.revenue.map((r) => `${r.currency_code.toUpperCase()} ${formatPercent(r.attributed_share)} of store`).join(" · ") : "No orders in this range"}
              />
            <Figure card label="Emails sent" value={formatCount(cur.email.sent)} to={messagesLink()} hint={`${formatPercent(cur.email.rates.opened)} opened · ${formatPercent(cur.email.rates.clicked)} clicked`}>
                <Delta current={cur.email.sent} previous={prev.email.sent} />
              </Figure>
            <Figure card label="Points issued" value={formatCount(cur.loyalty.issued)} to="/retention/loyalty" hint={`${formatCount(cur.loyalty.active_members)} active members`}>
                <Delta current={cur.loyalty.issued} previous={prev.loyalty.issued} />
              </Figure>
            <Figure card
                label="Active subscriptions"
                value={formatCount(data.now.subscriptions.active)}
                to="/retention/subscriptions"
                hint={data.now.subscriptions.mrr.length ? `${data.now.subscriptions.mrr.map((m) => formatMoney(m.amount, m.currency_code)).join(" · ")} a month` : "No recurring revenue yet"}
              />
            <Figure card label="NPS" value={cur.nps.score === null ? "–" : cur.nps.score.toFixed(1)} to="/retention/nps" hint={`${formatCount(cur.nps.responses)} responses`}>
                <Delta kind="points" current={cur.nps.score} previous={prev.nps.score} />
              </Figure>
          </div>

          <Section title="Revenue attributed" link="/retention/campaigns" linkLabel="Campaigns">
            {cur.revenue.length ? (
              <div className="flex flex-col divide-y">
                {cur.revenue.map((row) => (
                  <RevenueRow key={row.currency_code} row={row} previous={prev.revenue.find((p) => p.currency_code === row.currency_code)} />
                ))}
              </div>
            ) : (
              <Empty>No orders in this range yet. Recovered carts and orders paid with points show here, per currency, against the store's revenue.</Empty>
            )}
          </Section>

          <Section title={`Revenue per ${data.series.bucket}`} link="/retention/campaigns" linkLabel="Campaigns">
            {data.series.currencies.length ? (
              <div className="flex flex-col gap-y-6">
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {data.series.bucket === "week" ? "Weeks from Monday" : "Days"} in {data.time_zone}; one chart per currency. An order in two programs is drawn once: as recovered, else as a renewal.
                </Text>
                {data.series.currencies.map((c) => (
                  <RevenueChart key={c.currency_code} currency={c.currency_code} buckets={c.buckets} bucket={data.series.bucket} />
                ))}
              </div>
            ) : (
              <ChartEmpty>No orders in this range: store revenue and the part the programs brought show here per {data.series.bucket}.</ChartEmpty>
            )}
          </Section>

          <Section title="Email health" link={messagesLink()} linkLabel="Messages">
            {cur.email.sent ? (
              <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
                <Figure label="Sent" value={formatCount(cur.email.sent)} to={messagesLink()}>
                  <Delta current={cur.email.sent} previous={prev.email.sent} />
                </Figure>
                <Figure label="Delivered" value={formatPercent(cur.email.rates.delivered)} to={messagesLink("delivered")} hint={formatCount(cur.email.delivered)}>
                  <Delta kind="rate" current={cur.email.rates.delivered} previous={prev.email.rates.delivered} />
                </Figure>
                <Figure label="Opened" value={formatPercent(cur.email.rates.opened)} to={messagesLink("opened")} hint={formatCount(cur.email.opened)}>
                  <Delta kind="rate" current={cur.email.rates.opened} previous={prev.email.rates.opened} />
                </Figure>
                <Figure label="Clicked" value={formatPercent(cur.email.rates.clicked)} to={messagesLink("clicked")} hint={formatCount(cur.email.clicked)}>
                  <Delta kind="rate" current={cur.email.rates.clicked} previous={prev.email.rates.clicked} />
                </Figure>
                <Figure label="Bounced" value={formatPercent(cur.email.rates.bounced)} to={messagesLink("bounced")} hint={formatCount(cur.email.bounced)}>
                  <Delta kind="rate" current={cur.email.rates.bounced} previous={prev.email.rates.bounced} lowerIsBetter />
                </Figure>
                <Figure label="Complaints" value={formatPercent(cur.email.rates.complaints, 2)} to={messagesLink()} hint={formatCount(cur.email.complaints)}>
                  <Delta kind="rate" current={cur.email.rates.complaints} previous={prev.email.rates.complaints} lowerIsBetter />
                </Figure>
                <Figure label="Unsubscribes" value={formatPercent(cur.email.rates.unsubscribes, 2)} to={messagesLink()} hint={formatCount(cur.email.unsubscribes)}>
                  <Delta kind="rate" current={cur.email.rates.unsubscribes} previous={prev.email.rates.unsubscribes} lowerIsBetter />
                </Figure>
              </div>
            ) : (
              <Empty>No email went out in this range.</Empty>
            )}
            {data.now.active_pauses > 0 && (
              <Link to={messagesLink()} className="mt-3 block">
                <StatusBadge color="red">
                  {data.now.active_pauses === 1 ? "1 deliverability pause" : `${data.now.active_pauses} deliverability pauses`} in force: sends in that scope are held
                </StatusBadge>
              </Link>
            )}
          </Section>

          <Section title="Loyalty" link="/retention/loyalty" linkLabel="Loyalty">
            <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
              <Figure label="Points issued" value={formatCount(cur.loyalty.issued)} to="/retention/loyalty">
                <Delta current={cur.loyalty.issued} previous={prev.loyalty.issued} />
              </Figure>
              <Figure label="Points redeemed" value={formatCount(cur.loyalty.redeemed)} to="/retention/loyalty">
                <Delta current={cur.loyalty.redeemed} previous={prev.loyalty.redeemed} />
              </Figure>
              <Figure label="Points expired" value={formatCount(cur.loyalty.expired)} to="/retention/loyalty">
                <Delta current={cur.loyalty.expired} previous={prev.loyalty.expired} lowerIsBetter />
              </Figure>
              <Figure label="Active members" value={formatCount(cur.loyalty.active_members)} to="/retention/loyalty" hint={`of ${formatCount(data.now.loyalty_members)} members; earned or redeemed in the range`}>
                <Delta current={cur.loyalty.active_members} previous={prev.loyalty.active_members} />
              </Figure>
            </div>
            <div className="mt-3 flex flex-col gap-y-1">
              <Text size="small" weight="plus">
                Outstanding liability today
              </Text>
              {data.now.loyalty_liability.length ? (
                data.now.loyalty_liability.map((l) => (
                  <Text key={l.currency_code} size="small" className="text-ui-fg-subtle">
                    {l.currency_code === "none" ? "Not tied to an order" : l.currency_code.toUpperCase()}: {formatCount(l.points)} points ={" "}
                    {formatMoney(l.amount, l.currency_code)}
                    {l.currency_code === "none" ? " at the base point value" : ""}
                  </Text>
                ))
              ) : (
                <Empty>No points outstanding.</Empty>
              )}
            </div>
          </Section>

          <Section title="Subscriptions" link="/retention/subscriptions" linkLabel="Subscriptions">
            <SubscriptionFigures data={data} />
          </Section>

          <Section title="NPS" link="/retention/nps" linkLabel="NPS">
            {cur.nps.responses || cur.nps.surveys_sent ? (
              <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
                <Figure label="Score" value={cur.nps.score === null ? "–" : cur.nps.score.toFixed(1)} to="/retention/nps" hint="% promoters − % detractors">
                  <Delta kind="points" current={cur.nps.score} previous={prev.nps.score} />
                </Figure>
                <Figure label="Responses" value={formatCount(cur.nps.responses)} to="/retention/nps" hint={`${cur.nps.promoters} promoters · ${cur.nps.passives} passives`}>
                  <Delta current={cur.nps.responses} previous={prev.nps.responses} />
                </Figure>
                <Figure label="Response rate" value={formatPercent(cur.nps.response_rate)} to="/retention/nps" hint={`${formatCount(cur.nps.surveys_answered)} of ${formatCount(cur.nps.surveys_sent)} surveys sent`}>
                  <Delta kind="rate" current={cur.nps.response_rate} previous={prev.nps.response_rate} />
                </Figure>
                <Figure label="Detractors" value={formatCount(cur.nps.detractors)} to="/retention/nps" hint="Scores 0–6: read their comments">
                  <Delta current={cur.nps.detractors} previous={prev.nps.detractors} lowerIsBetter />
                </Figure>
              </div>
            ) : (
              <Empty>No survey went out and no answer came in this range.</Empty>
            )}
          </Section>
        </>
      )}
    </div>
  )
}

/** Whether Medusa runs the plugin's scheduled jobs, from their once-a-minute heartbeat. */
const SchedulerBadge = ({ scheduler }: { scheduler: Overview["scheduler"] }) => {
  switch (scheduler.state) {
    case "running":
      return <StatusBadge color="green">Scheduled jobs running</StatusBadge>
    case "starting":
      return <StatusBadge color="grey">Scheduled jobs starting: first run within a minute or two</StatusBadge>
    case "stale":
      return (
        <StatusBadge color="orange">
          Scheduled jobs stale · last run {scheduler.last_run_at ? new Date(scheduler.last_run_at).toLocaleString() : "never"}
        </StatusBadge>
      )
    default:
      return <StatusBadge color="orange">Scheduled jobs not running: start Medusa with workerMode shared or worker</StatusBadge>
  }
}

export const config = defineRouteConfig({ label: "Retention", icon: Sparkles })

export default RetentionOverviewPage
