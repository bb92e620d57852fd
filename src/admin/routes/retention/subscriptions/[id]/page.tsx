import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ReactNode, useState } from "react"
import { Link, useParams } from "react-router-dom"
import { RunStatusBadge, SubscriptionStatusBadge } from "../../../../components/subscriptions/status-badge"
import { sdk } from "../../../../lib/sdk"
import {
  ACTOR_LABELS,
  addressLines,
  allowedActions,
  describeApiError,
  eventDetail,
  eventLabel,
  formatDateTime,
  formatDay,
  intervalLabel,
  nextRenewal,
  parseIntervalCode,
  pauseUntilIso,
  relativeDay,
  ReplenishmentPlan,
  SubscriptionActionBody,
  SubscriptionActionName,
  SubscriptionDetail,
  SubscriptionView,
} from "../../../../lib/subscriptions"

const ACTION_TITLES: Record<SubscriptionActionName, string> = {
  skip: "Skip next",
  pause: "Pause",
  resume: "Resume",
  cancel: "Cancel",
  run_now: "Run now",
  change_interval: "Change interval",
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
    case "run_now":
      return "Renewal started: its run shows below"
    case "change_interval":
      return `Interval changed to ${intervalLabel(s.interval).toLowerCase()}`
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
      sdk.client.fetch<{ subscription: SubscriptionView }>(`/admin/retention/subscriptions/${s.id}/actions`, { method: "POST", body }),
    onSuccess: ({ subscription }, body) => {
      toast.success(done(body, subscription))
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
            On hold after failed payments: it renews again once the customer updates their payment method.
          </Text>
        )}
      </div>
      <div className="flex flex-wrap gap-2 px-6 py-4">
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
                  {s.id} · since {formatDay(s.created_at)}
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
              <Fact label="Paused until">{s.status === "paused" ? (s.paused_until ? formatDay(s.paused_until) : "until resumed") : "–"}</Fact>
              <Fact label="Subscribe-and-save discount">{s.discount_percent ? `${s.discount_percent} %` : "none"}</Fact>
              <Fact label="Orders · skipped · failed">
                {s.renewal_count} · {s.skipped_count} · {s.failed_count}
              </Fact>
              <Fact label="Currency · payment">
                {s.currency_code.toUpperCase()} · {s.payment_provider_id}
              </Fact>
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
              <div className="overflow-x-auto">
                <Table>
                  <Table.Header>
                    <Table.Row>
                      <Table.HeaderCell>Period</Table.HeaderCell>
                      <Table.HeaderCell>Status</Table.HeaderCell>
                      <Table.HeaderCell>Order</Table.HeaderCell>
                      <Table.HeaderCell className="text-right">Attempts</Table.HeaderCell>
                      <Table.HeaderCell>Next retry</Table.HeaderCell>
                      <Table.HeaderCell>Note</Table.HeaderCell>
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {data.runs.map((r) => (
                      <Table.Row key={r.id}>
                        <Table.Cell className="whitespace-nowrap">
                          {formatDay(r.period)}
                          {r.trigger !== "schedule" && <span className="text-ui-fg-subtle"> · {r.trigger.replace(/_/g, " ")}</span>}
                        </Table.Cell>
                        <Table.Cell>
                          <RunStatusBadge status={r.status} />
                        </Table.Cell>
                        <Table.Cell>
                          {r.order_id ? (
                            <Link to={`/orders/${r.order_id}`} className="text-ui-fg-interactive">
                              {r.order_display_id ? `#${r.order_display_id}` : r.order_id}
                            </Link>
                          ) : (
                            "–"
                          )}
                        </Table.Cell>
                        <Table.Cell className="text-right">{r.attempts}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap">{r.next_retry_at ? formatDateTime(r.next_retry_at) : "–"}</Table.Cell>
                        <Table.Cell className="min-w-[200px] max-w-[360px] whitespace-normal">
                          {r.error && <span className="text-ui-fg-error">{r.error}</span>}
                          {r.unavailable?.length ? (
                            <span className="text-ui-fg-subtle">
                              {r.error ? " · " : ""}left out (out of stock): {r.unavailable.map((u) => u.title).join(", ")}
                            </span>
                          ) : null}
                          {!r.error && !r.unavailable?.length && "–"}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
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
              <div className="overflow-x-auto">
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
                    {data.events.map((e) => (
                      <Table.Row key={e.id}>
                        <Table.Cell className="whitespace-nowrap">{formatDateTime(e.created_at)}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap" title={e.actor_id ?? undefined}>
                          {ACTOR_LABELS[e.actor_type] ?? e.actor_type}
                        </Table.Cell>
                        <Table.Cell className="whitespace-nowrap">{eventLabel(e.action)}</Table.Cell>
                        <Table.Cell className="min-w-[200px] max-w-[420px] whitespace-normal text-ui-fg-subtle">{eventDetail(e.detail) || "–"}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
            ) : (
              <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                No changes recorded.
              </Text>
            )}
          </Container>
        </div>

        <div className="flex w-full flex-col gap-y-3 xl:w-[380px] xl:shrink-0">
          <Actions subscription={s} intervals={plan?.intervals ?? []} />
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
                  Shipping option {s.shipping_option_id}
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
