import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ReactNode, useEffect, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { RunStatusBadge, SubscriptionStatusBadge } from "../../../../components/subscriptions/status-badge"
import { sdk } from "../../../../lib/sdk"
import {
  ACTOR_LABELS,
  addressLines,
  allowedActions,
  describeApiError,
  EVENT_ORDER_KEYS,
  eventDetail,
  eventLabel,
  eventOrders,
  formatDateTime,
  formatDay,
  formatMoney,
  intervalLabel,
  nextRenewal,
  parseIntervalCode,
  pauseUntilIso,
  providerLabel,
  relativeDay,
  renewalOutcomeMessage,
  ReplenishmentPlan,
  SubscriptionActionBody,
  SubscriptionActionName,
  SubscriptionDetail,
  SubscriptionEvent,
  SubscriptionRun,
  SubscriptionView,
} from "../../../../lib/subscriptions"

const ACTION_TITLES: Record<SubscriptionActionName, string> = {
  skip: "Skip next",
  pause: "Pause",
  resume: "Resume",
  cancel: "Cancel",
  run_now: "Run now",
  change_interval: "Change interval",
  payment_updated: "Retry payment",
}

/** Whether the window is at least `px` wide (Tailwind's xl is 1280), following resizes. */
const useMinWidth = (px: number) => {
  const query = `(min-width: ${px}px)`
  const [matches, setMatches] = useState(() => typeof window !== "undefined" && window.matchMedia(query).matches)
  useEffect(() => {
    const list = window.matchMedia(query)
    const update = () => setMatches(list.matches)
    update()
    list.addEventListener("change", update)
    return () => list.removeEventListener("change", update)
  }, [query])
  return matches
}

type OrderSummary = { id: string; display_id: number; total: number; currency_code: string }
type Renewal = { outcome?: string; order_id?: string | null }

/** The orders the page mentions (runs, the first order, history), with their number and total. */
const useOrders = (ids: string[]) => {
  const unique = [...new Set(ids)].sort()
  const { data } = useQuery({
    queryKey: ["retention", "subscriptions", "orders", unique.join(",")],
    queryFn: () =>
      sdk.client.fetch<{ orders: OrderSummary[] }>("/admin/orders", {
        query: { id: unique, fields: "id,display_id,total,currency_code", limit: unique.length },
      }),
    enabled: unique.length > 0,
  })
  return new Map((data?.orders ?? []).map((o) => [o.id, o]))
}

/** A link to an order: its number once known ("#18"), never a bare id when avoidable. */
const OrderLink = ({ id, orders, total = false }: { id: string; orders: Map<string, OrderSummary>; total?: boolean }) => {
  const order = orders.get(id)
  return (
    <span className="whitespace-nowrap">
      <Link to={`/orders/${id}`} className="text-ui-fg-interactive">
        {order ? `#${order.display_id}` : "Order"}
      </Link>
      {total && order && <span className="text-ui-fg-subtle"> · {formatMoney(Number(order.total), order.currency_code)}</span>}
    </span>
  )
}
// The API names the field it refuses ("until: must be in the future"); say it as the form does.
const ACTION_FIELD_LABELS: Record<string, string> = { until: "Pause until", reason: "Reason", interval: "Interval" }

const done = (body: SubscriptionActionBody, s: SubscriptionView): string => {
  switch (body.action) {
    case "skip":
      return `Next delivery skipped: the next one is on ${formatDay(s.period_at)}`
    case "pause":
      return s.paused_until ? `Paused until ${formatDay(s.paused_until)}` : "Paused until resumed"
    case "resume":
      return `Resumed: the next delivery is on ${formatDay(s.period_at)}`
    case "cancel":
      return "Subscription canceled"
    case "change_interval":
      return `Interval changed to ${intervalLabel(s.interval).toLowerCase()}`
    case "run_now":
    case "payment_updated":
      return "Renewal started: its run shows below"
  }
}

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-0.5">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" as="div">
      {children}
    </Text>
  </div>
)

const FieldError = ({ message }: { message?: string }) =>
  message ? (
    <Text size="xsmall" className="text-ui-fg-error">
      {message}
    </Text>
  ) : null

const Actions = ({ subscription: s, intervals }: { subscription: SubscriptionView; intervals: string[] }) => {
  const client = useQueryClient()
  const prompt = usePrompt()
  const [until, setUntil] = useState("")
  const [intervalCode, setIntervalCode] = useState("")
  const [reason, setReason] = useState("")
  const [intervalError, setIntervalError] = useState<string>()
  const allowed = allowedActions(s.status)

  const act = useMutation({
    mutationFn: (body: SubscriptionActionBody) =>
      sdk.client.fetch<{ subscription: SubscriptionView; renewal?: Renewal }>(`/admin/retention/subscriptions/${s.id}/actions`, { method: "POST", body }),
    onSuccess: async ({ subscription, renewal }, body) => {
      if (renewal) {
        // "Run now" and "Retry payment" wait for the renewal: say what it did, with the order.
        let order: string | null = null
        if (renewal.order_id) {
          const found = await sdk.client
            .fetch<{ orders: OrderSummary[] }>("/admin/orders", { query: { id: [renewal.order_id], fields: "id,display_id" } })
            .catch(() => null)
          order = found?.orders[0] ? `#${found.orders[0].display_id}` : null
        }
        const message = renewalOutcomeMessage(renewal.outcome, order)
        if (message.ok) toast.success(message.text)
        else toast.warning(message.text)
      } else {
        toast.success(done(body, subscription))
      }
      if (body.action === "pause") setUntil("")
      if (body.action === "change_interval") setIntervalCode("")
      if (body.action === "cancel") setReason("")
      client.invalidateQueries({ queryKey: ["retention", "subscriptions"] })
    },
    onError: (e: Error, body) => toast.error(`${ACTION_TITLES[body.action]}: not done`, { description: describeApiError(e.message, ACTION_FIELD_LABELS) }),
  })
  const busy = (action: SubscriptionActionName) => act.isPending && act.variables?.action === action

  const pause = () => {
    const iso = until ? pauseUntilIso(until) : null
    act.mutate(iso ? { action: "pause", until: iso } : { action: "pause" })
  }
  const changeInterval = () => {
    const code = intervalCode.trim().toLowerCase()
    if (!parseIntervalCode(code)) return setIntervalError(code ? `"${code}" is not an interval: use days, weeks or months, e.g. 30d, 2w, 1m` : "Enter an interval, e.g. 4w")
    if (code === s.interval) return setIntervalError(`It is already ${intervalLabel(code).toLowerCase()}`)
    act.mutate({ action: "change_interval", interval: code })
  }
  const cancel = async () => {
    const confirmed = await prompt({
      title: "Cancel this subscription?",
      description: `No more orders for ${s.email}. They are told by email; a canceled subscription cannot be resumed (they can subscribe again).`,
      confirmText: "Cancel subscription",
      cancelText: "Keep it",
      variant: "danger",
    })
    if (confirmed) act.mutate(reason.trim() ? { action: "cancel", reason: reason.trim() } : { action: "cancel" })
  }

  const retryPayment = async () => {
    const confirmed = await prompt({
      title: "Retry the payment now?",
      description:
        "Use this once the customer has updated their payment method: the failed delivery is ordered again now with the subscription's payment method, and the subscription is active again if it goes through.",
      confirmText: "Retry payment",
      cancelText: "Not now",
    })
    if (confirmed) act.mutate({ action: "payment_updated" })
  }

  if (s.status === "canceled") {
    return (
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Actions</Heading>
        </div>
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          Canceled {formatDateTime(s.canceled_at)}. Nothing more can change; the customer can subscribe again.
        </Text>
      </Container>
    )
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Actions</Heading>
        {s.status === "payment_failed" && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            On hold after failed payments: it renews again once the customer updates their payment method, or when you retry the payment
            here.
          </Text>
        )}
      </div>
      <div className="flex flex-wrap gap-2 px-6 py-4">
        {allowed.payment_updated && (
          <Button size="small" variant="primary" disabled={act.isPending} isLoading={busy("payment_updated")} onClick={retryPayment}>
            Retry payment
          </Button>
        )}
        <Button size="small" variant="secondary" disabled={!allowed.skip || act.isPending} isLoading={busy("skip")} onClick={() => act.mutate({ action: "skip" })}>
          Skip next
        </Button>
        <Button
          size="small"
          variant="secondary"
          disabled={!allowed.run_now || act.isPending}
          isLoading={busy("run_now")}
          onClick={() => act.mutate({ action: "run_now" })}
          title="Order the current period now; the next one follows the interval from today"
        >
          Run now
        </Button>
        {s.status === "paused" && (
          <Button size="small" variant="secondary" disabled={act.isPending} isLoading={busy("resume")} onClick={() => act.mutate({ action: "resume" })}>
            Resume
          </Button>
        )}
      </div>
      {allowed.pause && (
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Label htmlFor="subscription-pause-until" size="small">
            {s.status === "paused" ? "Change the pause: until" : "Pause until"}
          </Label>
          <div className="flex gap-2">
            <Input id="subscription-pause-until" size="small" type="date" className="min-w-0 flex-1" value={until} onChange={(e) => setUntil(e.target.value)} />
            <Button
              size="small"
              variant="secondary"
              disabled={act.isPending || (s.status === "paused" && !until)}
              isLoading={busy("pause")}
              onClick={pause}
            >
              Pause
            </Button>
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Empty: paused until someone resumes it. Periods that pass while paused are not ordered later.
          </Text>
        </div>
      )}
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Label htmlFor="subscription-interval" size="small">
          Change interval
        </Label>
        <div className="flex gap-2">
          <Input
            id="subscription-interval"
            size="small"
            className="min-w-0 flex-1"
            list="subscription-interval-options"
            placeholder={intervals.length ? intervals.join(", ") : "e.g. 4w"}
            aria-invalid={!!intervalError}
            value={intervalCode}
            onChange={(e) => (setIntervalCode(e.target.value), setIntervalError(undefined))}
            onKeyDown={(e) => e.key === "Enter" && changeInterval()}
          />
          <datalist id="subscription-interval-options">
            {intervals.map((code) => (
              <option key={code} value={code}>
                {intervalLabel(code)}
              </option>
            ))}
          </datalist>
          <Button size="small" variant="secondary" disabled={act.isPending || !intervalCode.trim()} isLoading={busy("change_interval")} onClick={changeInterval}>
            Change
          </Button>
        </div>
        <FieldError message={intervalError} />
        {intervals.length > 0 && (
          <div className="flex flex-wrap gap-1">
            {intervals.map((code) => (
              <Badge key={code} size="2xsmall" asChild color={code === s.interval ? "blue" : "grey"}>
                <button type="button" onClick={() => (setIntervalCode(code), setIntervalError(undefined))} title={intervalLabel(code)}>
                  {code}
                </button>
              </Badge>
            ))}
          </div>
        )}
        <Text size="xsmall" className="text-ui-fg-subtle">
          {intervalCode.trim() && parseIntervalCode(intervalCode)
            ? `${intervalLabel(intervalCode.trim().toLowerCase())}, from the current delivery on.`
            : "Days, weeks or months (30d, 2w, 1m); the plan's intervals are offered."}
        </Text>
      </div>
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Label htmlFor="subscription-cancel-reason" size="small">
          Cancel, with a reason (optional)
        </Label>
        <div className="flex gap-2">
          <Input
            id="subscription-cancel-reason"
            size="small"
            className="min-w-0 flex-1"
            maxLength={500}
            placeholder="e.g. asked by phone"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button size="small" variant="danger" disabled={act.isPending} isLoading={busy("cancel")} onClick={cancel}>
            Cancel
          </Button>
        </div>
      </div>
    </Container>
  )
}

/** A run's note: why it failed, what was left out. */
const runNote = (r: SubscriptionRun) =>
  [r.error ?? "", r.unavailable?.length ? `left out (out of stock): ${r.unavailable.map((u) => u.title).join(", ")}` : ""].filter(Boolean)

/** Runs: a table from tablet width up, one block per run on a phone. */
const Runs = ({ runs, orders }: { runs: SubscriptionRun[]; orders: Map<string, OrderSummary> }) => {
  const period = (r: SubscriptionRun) => (
    <>
      {formatDay(r.period)}
      {r.trigger !== "schedule" && <span className="text-ui-fg-subtle"> · {r.trigger.replace(/_/g, " ")}</span>}
    </>
  )
  const declines = (r: SubscriptionRun) => (r.attempts ? String(r.attempts) : "–")
  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Period</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Order</Table.HeaderCell>
              <Table.HeaderCell className="text-right" title="Payment attempts that were declined">
                Declined
              </Table.HeaderCell>
              <Table.HeaderCell>Next retry</Table.HeaderCell>
              <Table.HeaderCell>Note</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {runs.map((r) => {
              const note = runNote(r)
              return (
                <Table.Row key={r.id}>
                  <Table.Cell className="whitespace-nowrap">{period(r)}</Table.Cell>
                  <Table.Cell>
                    <RunStatusBadge status={r.status} />
                  </Table.Cell>
                  <Table.Cell>{r.order_id ? <OrderLink id={r.order_id} orders={orders} total /> : "–"}</Table.Cell>
                  <Table.Cell className="text-right">{declines(r)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{r.next_retry_at ? formatDateTime(r.next_retry_at) : "–"}</Table.Cell>
                  <Table.Cell className="min-w-[200px] max-w-[360px] whitespace-normal">
                    {note.length ? <span className={r.error ? "text-ui-fg-error" : "text-ui-fg-subtle"}>{note.join(" · ")}</span> : "–"}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      </div>
      <ul className="divide-y md:hidden">
        {runs.map((r) => {
          const note = runNote(r)
          return (
            <li key={r.id} className="flex flex-col gap-y-1 px-6 py-3">
              <div className="flex items-center justify-between gap-2">
                <Text size="small" weight="plus">
                  {period(r)}
                </Text>
                <RunStatusBadge status={r.status} />
              </div>
              {r.order_id && (
                <Text size="small" as="div">
                  <OrderLink id={r.order_id} orders={orders} total />
                </Text>
              )}
              {(r.attempts > 0 || r.next_retry_at) && (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {r.attempts > 0 ? `Declined ${r.attempts} ${r.attempts === 1 ? "time" : "times"}` : ""}
                  {r.attempts > 0 && r.next_retry_at ? " · " : ""}
                  {r.next_retry_at ? `next retry ${formatDateTime(r.next_retry_at)}` : ""}
                </Text>
              )}
              {note.length > 0 && (
                <Text size="xsmall" className={r.error ? "text-ui-fg-error" : "text-ui-fg-subtle"}>
                  {note.join(" · ")}
                </Text>
              )}
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** An event's detail: orders as links, the rest in words. */
const EventDetail = ({ event, orders }: { event: SubscriptionEvent; orders: Map<string, OrderSummary> }) => {
  const links = eventOrders(event.detail)
  const text = eventDetail(event.detail, Object.keys(EVENT_ORDER_KEYS))
  if (!links.length && !text) return <>–</>
  return (
    <>
      {links.map(([label, id], i) => (
        <span key={id}>
          {i > 0 ? " · " : ""}
          {label} <OrderLink id={id} orders={orders} />
        </span>
      ))}
      {links.length > 0 && text ? " · " : ""}
      {text}
    </>
  )
}

/** History: a table from tablet width up, one block per change on a phone. */
const History = ({ events, orders }: { events: SubscriptionEvent[]; orders: Map<string, OrderSummary> }) => (
  <>
    <div className="hidden overflow-x-auto md:block">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>When</Table.HeaderCell>
            <Table.HeaderCell>Who</Table.HeaderCell>
            <Table.HeaderCell>What</Table.HeaderCell>
            <Table.HeaderCell>Detail</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {events.map((e) => (
            <Table.Row key={e.id}>
              <Table.Cell className="whitespace-nowrap">{formatDateTime(e.created_at)}</Table.Cell>
              <Table.Cell className="whitespace-nowrap" title={e.actor_id ?? undefined}>
                {ACTOR_LABELS[e.actor_type] ?? e.actor_type}
              </Table.Cell>
              <Table.Cell className="whitespace-nowrap">{eventLabel(e.action)}</Table.Cell>
              <Table.Cell className="min-w-[200px] max-w-[420px] whitespace-normal text-ui-fg-subtle">
                <EventDetail event={e} orders={orders} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
    <ul className="divide-y md:hidden">
      {events.map((e) => (
        <li key={e.id} className="flex flex-col gap-y-0.5 px-6 py-3">
          <Text size="small" weight="plus">
            {eventLabel(e.action)}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {formatDateTime(e.created_at)} · {ACTOR_LABELS[e.actor_type] ?? e.actor_type}
          </Text>
          {(e.detail && Object.keys(e.detail).length > 0) && (
            <Text size="xsmall" className="break-words text-ui-fg-subtle" as="div">
              <EventDetail event={e} orders={orders} />
            </Text>
          )}
        </li>
      ))}
    </ul>
  </>
)

const SubscriptionDetailPage = () => {
  const { id = "" } = useParams()
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "subscriptions", "detail", id],
    queryFn: () => sdk.client.fetch<SubscriptionDetail>(`/admin/retention/subscriptions/${id}`),
    // While a renewal is under way (run now, a retry), follow it until its order shows.
    refetchInterval: (query) => (query.state.data?.runs.some((r) => r.status === "pending" || r.status === "cart_created") ? 5000 : false),
  })
  const productId = data?.subscription.items[0]?.product_id
  const plans = useQuery({
    queryKey: ["retention", "replenishment", "plans", productId],
    queryFn: () => sdk.client.fetch<{ plans: ReplenishmentPlan[] }>("/admin/retention/replenishment/plans", { query: { product_id: productId } }),
    enabled: !!productId,
  })
  const shippingOptionId = data?.subscription.shipping_option_id
  const shipping = useQuery({
    queryKey: ["retention", "subscriptions", "shipping-option", shippingOptionId],
    queryFn: () => sdk.client.fetch<{ shipping_option: { id: string; name: string } }>(`/admin/shipping-options/${shippingOptionId}`, { query: { fields: "id,name" } }),
    enabled: !!shippingOptionId,
    retry: false,
  })
  const wide = useMinWidth(1280)
  const orders = useOrders([
    ...(data?.subscription.origin_order_id ? [data.subscription.origin_order_id] : []),
    ...(data?.runs ?? []).flatMap((r) => (r.order_id ? [r.order_id] : [])),
    ...(data?.events ?? []).flatMap((e) => eventOrders(e.detail).map(([, orderId]) => orderId)),
  ])

  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text>Loading…</Text>
      </Container>
    )
  }
  if (error || !data) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        <Text className="text-ui-fg-error">Could not load the subscription: {error?.message ?? "not found"}</Text>
        <Link to="/retention/subscriptions" className="txt-compact-small text-ui-fg-interactive">
          ← All subscriptions
        </Link>
      </Container>
    )
  }

  const s = data.subscription
  const next = nextRenewal(s)
  const variantPlan = plans.data?.plans.find((p) => p.variant_id === s.items[0]?.variant_id)
  const plan = variantPlan ?? plans.data?.plans.find((p) => !p.variant_id)
  const address = addressLines(s.shipping_address)
  const firstOrder = s.origin_order_id
  const actions = <Actions subscription={s} intervals={plan?.intervals ?? []} />

  return (
    <div className="flex flex-col gap-y-3">
      <Link to="/retention/subscriptions" className="txt-compact-small text-ui-fg-subtle hover:text-ui-fg-base">
        ← Subscriptions
      </Link>
      <div className="flex flex-col gap-3 xl:flex-row xl:items-start">
        <div className="flex min-w-0 flex-1 flex-col gap-y-3">
          <Container className="divide-y p-0">
            <div className="flex flex-wrap items-start justify-between gap-2 px-6 py-4">
              <div className="min-w-0">
                <Heading level="h1" className="break-all">
                  <Link to={`/customers/${s.customer_id}`} className="hover:text-ui-fg-interactive">
                    {s.email}
                  </Link>
                </Heading>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  <span className="break-all">{s.id}</span> · <span className="whitespace-nowrap">since {formatDay(s.created_at)}</span>
                </Text>
              </div>
              <SubscriptionStatusBadge status={s.status} />
            </div>
            <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-3">
              <Fact label="Interval">{intervalLabel(s.interval)}</Fact>
              <Fact label="Next renewal">
                {next.text}
                {next.date && <span className="text-ui-fg-subtle"> · {relativeDay(next.date)}</span>}
                {next.note && <div className="text-ui-fg-subtle">{next.note}</div>}
              </Fact>
              <Fact label="Per renewal">
                {s.renewal_value === null ? "–" : formatMoney(s.renewal_value, s.currency_code)}
                {s.discount_percent ? <span className="text-ui-fg-subtle"> · {s.discount_percent} % off</span> : null}
              </Fact>
              <Fact label="Orders · skipped · failed">
                {s.renewal_count} · {s.skipped_count} · {s.failed_count}
              </Fact>
              <Fact label="First order">{firstOrder ? <OrderLink id={firstOrder} orders={orders} total /> : "–"}</Fact>
              <Fact label="Payment">
                <span className="break-words" title={s.payment_provider_id}>
                  {providerLabel(s.payment_provider_id)}
                </span>
              </Fact>
              {s.status === "paused" && <Fact label="Paused until">{s.paused_until ? formatDay(s.paused_until) : "until resumed"}</Fact>}
              {s.status === "canceled" && (
                <>
                  <Fact label="Canceled">{formatDateTime(s.canceled_at)}</Fact>
                  <Fact label="Cancel reason">{s.cancel_reason || "none given"}</Fact>
                </>
              )}
              {plan && plan.min_orders > 0 && (
                <Fact label="Commitment">
                  {plan.min_orders} orders keep the discount ({Math.min(s.renewal_count, plan.min_orders)} done)
                </Fact>
              )}
            </div>
          </Container>

          {/* Narrower than the two columns, the actions come right after the summary, not after the whole history. */}
          {!wide && actions}

          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">Items</Heading>
            </div>
            <div className="overflow-x-auto">
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Product</Table.HeaderCell>
                    <Table.HeaderCell>Variant</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">Quantity</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {s.items.map((item) => (
                    <Table.Row key={item.variant_id}>
                      <Table.Cell>
                        <Link to={`/products/${item.product_id}`} className="text-ui-fg-interactive">
                          {item.title}
                        </Link>
                      </Table.Cell>
                      <Table.Cell>{item.variant_title ?? "–"}</Table.Cell>
                      <Table.Cell className="text-right">{item.quantity}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          </Container>

          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">Runs</Heading>
              <Text size="xsmall" className="text-ui-fg-subtle">
                One per period; each ordered run is a normal order.
              </Text>
            </div>
            {data.runs.length ? (
              <Runs runs={data.runs} orders={orders} />
            ) : (
              <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                No renewals yet. The first run is created when the next renewal is due.
              </Text>
            )}
          </Container>

          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">History</Heading>
            </div>
            {data.events.length ? (
              <History events={data.events} orders={orders} />
            ) : (
              <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                No changes recorded.
              </Text>
            )}
          </Container>
        </div>

        <div className="flex w-full flex-col gap-y-3 xl:w-[380px] xl:shrink-0">
          {wide && actions}
          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">Shipping address</Heading>
            </div>
            <div className="px-6 py-4">
              {address.length ? (
                address.map((line) => (
                  <Text key={line} size="small">
                    {line}
                  </Text>
                ))
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  No address stored.
                </Text>
              )}
              {s.shipping_option_id && (
                <Text size="xsmall" className="mt-2 text-ui-fg-subtle">
                  Shipping: {shipping.data?.shipping_option.name ?? (shipping.isLoading ? "…" : s.shipping_option_id)}
                </Text>
              )}
            </div>
          </Container>
        </div>
      </div>
    </div>
  )
}

export default SubscriptionDetailPage
