// A customer's points as the customer widget and the member page both show them: balances, the
// ledger and the manual adjustment form.
import { Badge, Button, Input, Label, Skeleton, Table, Text, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import { Link } from "react-router-dom"
import { formatMoney } from "../../lib/analytics"
import { CustomerLoyalty, ENTRY_TYPE_LABELS, formatPoints, LoyaltyEntry, REFERENCE_LABELS } from "../../lib/loyalty"
import { parseNumberField, splitFieldErrors } from "../../lib/number-input"
import { sdk } from "../../lib/sdk"
import { formatDay, formatDateTime } from "../../lib/subscriptions"

export const customerLoyaltyKey = (customerId: string) => ["retention-loyalty-customer", customerId]

/** Balances, tier and one page of the ledger (newest first). */
export function useCustomerLoyalty(customerId: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: [...customerLoyaltyKey(customerId), page, pageSize],
    queryFn: () =>
      sdk.client.fetch<CustomerLoyalty>(`/admin/retention/loyalty/customers/${customerId}`, {
        query: { limit: pageSize, offset: page * pageSize },
      }),
    placeholderData: keepPreviousData,
    enabled,
  })
}

type OrderSummary = { id: string; display_id: number }

/** The orders a ledger page mentions, by id, for their numbers ("#18"). */
function useOrderNumbers(ids: string[]): Map<string, OrderSummary> {
  const unique = [...new Set(ids)].sort()
  const { data } = useQuery({
    queryKey: ["retention-loyalty-orders", unique.join(",")],
    queryFn: () =>
      sdk.client.fetch<{ orders: OrderSummary[] }>("/admin/orders", { query: { id: unique, fields: "id,display_id", limit: unique.length } }),
    enabled: unique.length > 0,
  })
  return new Map((data?.orders ?? []).map((o) => [o.id, o]))
}

const Fact = ({ label, value, hint }: { label: string; value: string; hint?: string }) => (
  <div className="min-w-0">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text weight="plus">{value}</Text>
    {hint && (
      <Text size="xsmall" className="text-ui-fg-subtle">
        {hint}
      </Text>
    )}
  </div>
)

/** Available (with its money value), pending, on hold and lifetime points, and progress to the next tier. */
export const BalanceFacts = ({ data, guest = false }: { data?: CustomerLoyalty; guest?: boolean }) => {
  if (!data) {
    return (
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex flex-col gap-1">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-5 w-20" />
          </div>
        ))}
      </div>
    )
  }
  const l = data.loyalty
  return (
    <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      <Fact
        label="Available"
        value={formatPoints(l.available)}
        hint={data.value && l.available > 0 ? `worth ${formatMoney(data.value.amount, data.value.currency_code)}` : undefined}
      />
      <Fact label="Pending" value={formatPoints(l.pending)} hint="in the return window" />
      <Fact label="On hold" value={formatPoints(l.held)} hint="redeemed on an open cart" />
      <Fact label="Lifetime earned" value={formatPoints(l.lifetime_earned)} />
      {/* A guest earns nothing, so no tier is ahead of them. */}
      {l.progress.next_tier && !guest && (
        <Text size="xsmall" className="col-span-2 text-ui-fg-subtle sm:col-span-4">
          {formatPoints(l.progress.points_to_next)} points to {l.progress.next_tier.name} (earned in the last 12 months:{" "}
          {formatPoints(l.progress.window_points)})
        </Text>
      )}
    </div>
  )
}

const signed = (n: number) => (n > 0 ? `+${formatPoints(n)}` : formatPoints(n))

/** What caused an entry: the order as a link with its number, else the reference in words. */
const EntrySource = ({ entry, orders }: { entry: LoyaltyEntry; orders: Map<string, OrderSummary> }) => {
  const orderId = entry.order_id ?? (entry.reference === "order" ? entry.reference_id : null)
  const label = REFERENCE_LABELS[entry.reference] ?? entry.reference
  if (orderId) {
    const order = orders.get(orderId)
    return (
      <span>
        {entry.reference !== "order" && `${label} · `}
        <Link to={`/orders/${orderId}`} className="text-ui-fg-interactive" onClick={(e) => e.stopPropagation()}>
          {order ? `Order #${order.display_id}` : "Order"}
        </Link>
      </span>
    )
  }
  return <span>{label}</span>
}

const EntryStatus = ({ status }: { status: string }) =>
  status === "available" ? null : (
    <Badge size="2xsmall" color={status === "pending" ? "orange" : "grey"} className="ml-1">
      {status === "pending" ? "Pending" : status === "void" ? "Void" : status}
    </Badge>
  )

/** The ledger page as a table (a block per entry on a phone), with pagination. */
export const LedgerTable = ({
  data,
  page,
  pageSize,
  onPage,
}: {
  data?: CustomerLoyalty
  page: number
  pageSize: number
  onPage: (page: number) => void
}) => {
  const orders = useOrderNumbers((data?.entries ?? []).flatMap((e) => (e.order_id ? [e.order_id] : e.reference === "order" ? [e.reference_id] : [])))
  const count = data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  if (data && !data.entries.length) {
    return (
      <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
        No points history yet.
      </Text>
    )
  }
  return (
    <>
      <div className="hidden md:block">
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Date</Table.HeaderCell>
              <Table.HeaderCell>Type</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
              <Table.HeaderCell>Source</Table.HeaderCell>
              <Table.HeaderCell>Note</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data
              ? data.entries.map((e) => (
                  <Table.Row key={e.id}>
                    <Table.Cell className="whitespace-nowrap" title={formatDateTime(e.created_at)}>
                      {formatDay(e.created_at)}
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap">
                      {ENTRY_TYPE_LABELS[e.type] ?? e.type}
                      <EntryStatus status={e.status} />
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap text-right">{signed(e.points)}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">
                      <EntrySource entry={e} orders={orders} />
                    </Table.Cell>
                    <Table.Cell className="max-w-[320px]">
                      <span className="break-words">{e.note ?? "–"}</span>
                      {e.reason && (
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          Customer sees: {e.reason}
                        </Text>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))
              : [0, 1, 2].map((i) => (
                  <Table.Row key={i}>
                    {[80, 70, 40, 90, 160].map((w, j) => (
                      <Table.Cell key={j}>
                        <Skeleton className="h-4" style={{ width: w }} />
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
          </Table.Body>
        </Table>
      </div>
      <ul className="divide-y md:hidden">
        {data
          ? data.entries.map((e) => (
              <li key={e.id} className="flex flex-col gap-y-1 px-6 py-3">
                <div className="flex items-center justify-between gap-2">
                  <Text size="small" weight="plus">
                    {ENTRY_TYPE_LABELS[e.type] ?? e.type}
                    <EntryStatus status={e.status} />
                  </Text>
                  <Text size="small" weight="plus" className="whitespace-nowrap">
                    {signed(e.points)}
                  </Text>
                </div>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {formatDay(e.created_at)} · <EntrySource entry={e} orders={orders} />
                </Text>
                {e.note && (
                  <Text size="xsmall" className="break-words">
                    {e.note}
                  </Text>
                )}
                {e.reason && (
                  <Text size="xsmall" className="break-words text-ui-fg-subtle">
                    Customer sees: {e.reason}
                  </Text>
                )}
              </li>
            ))
          : [0, 1, 2].map((i) => (
              <li key={i} className="flex flex-col gap-y-2 px-6 py-3">
                <Skeleton className="h-4 w-32" />
                <Skeleton className="h-3 w-48" />
              </li>
            ))}
      </ul>
      {count > pageSize && (
        <Table.Pagination
          count={count}
          pageSize={pageSize}
          pageIndex={page}
          pageCount={pageCount}
          canPreviousPage={page > 0}
          canNextPage={page + 1 < pageCount}
          previousPage={() => onPage(Math.max(0, page - 1))}
          nextPage={() => onPage(page + 1)}
        />
      )}
    </>
  )
}

type AdjustErrors = Partial<Record<"points" | "note" | "reason" | "other", string>>

// A key per adjustment the admin means to make: a double click or a retried request records it
// once. A new key after each success.
const newKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`

/**
 * A manual adjustment: signed points, an internal note (required, admins only) and an optional
 * reason the customer sees in their points history; recorded with the admin. A refusal is shown
 * at its field ("Points: not enough points (75 available, 0 on hold)").
 */
export const AdjustPointsForm = ({ customerId }: { customerId: string }) => {
  const client = useQueryClient()
  const [points, setPoints] = useState("")
  const [note, setNote] = useState("")
  const [reason, setReason] = useState("")
  const [errors, setErrors] = useState<AdjustErrors>({})
  const key = useRef(newKey())
  const adjust = useMutation({
    mutationFn: (value: number) =>
      sdk.client.fetch(`/admin/retention/loyalty/customers/${customerId}/adjustments`, {
        method: "POST",
        body: { points: value, note, ...(reason.trim() ? { reason } : {}), idempotency_key: key.current },
      }),
    onSuccess: (_, value) => {
      toast.success(`Adjustment recorded: ${signed(value)} points`)
      key.current = newKey()
      setPoints("")
      setNote("")
      setReason("")
      setErrors({})
      client.invalidateQueries({ queryKey: customerLoyaltyKey(customerId) })
      client.invalidateQueries({ queryKey: ["retention-loyalty-members"] })
      client.invalidateQueries({ queryKey: ["retention-loyalty-dashboard"] })
    },
    onError: (e: Error) => {
      const found: AdjustErrors = {}
      for (const { path, message } of splitFieldErrors(e.message)) {
        const field: keyof AdjustErrors = path === "points" || path === "note" || path === "reason" ? path : "other"
        const text = field === "other" && path && path !== "customer_id" ? `${path}: ${message}` : message
        found[field] = found[field] ? `${found[field]}; ${text}` : text
      }
      setErrors(found)
    },
  })
  const submit = () => {
    const found: AdjustErrors = {}
    const parsed = parseNumberField(points, { min: -1_000_000, max: 1_000_000, integer: true })
    if (!parsed.ok) found.points = parsed.error
    else if (parsed.value === 0) found.points = "must not be 0"
    if (note.trim().length < 3) found.note = "is required (at least 3 characters)"
    setErrors(found)
    if (parsed.ok && !Object.keys(found).length) adjust.mutate(parsed.value)
  }
  const error = (field: keyof AdjustErrors) =>
    errors[field] ? (
      <Text size="xsmall" className="text-ui-fg-error">
        {errors[field]}
      </Text>
    ) : null
  return (
    <form
      className="grid grid-cols-1 items-start gap-3 sm:grid-cols-[140px_1fr_1fr_auto]"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <div>
        <Label htmlFor={`loyalty-adjust-points-${customerId}`}>Points (±)</Label>
        <Input
          id={`loyalty-adjust-points-${customerId}`}
          inputMode="numeric"
          placeholder="e.g. 100 or -50"
          aria-invalid={!!errors.points}
          value={points}
          onChange={(e) => (setPoints(e.target.value), setErrors(({ points: _p, ...rest }) => rest))}
        />
        {error("points")}
      </div>
      <div>
        <Label htmlFor={`loyalty-adjust-note-${customerId}`}>Internal note (admins only)</Label>
        <Input
          id={`loyalty-adjust-note-${customerId}`}
          maxLength={500}
          aria-invalid={!!errors.note}
          value={note}
          onChange={(e) => (setNote(e.target.value), setErrors(({ note: _n, ...rest }) => rest))}
        />
        {error("note")}
      </div>
      <div>
        <Label htmlFor={`loyalty-adjust-reason-${customerId}`}>Customer sees (optional)</Label>
        <Input
          id={`loyalty-adjust-reason-${customerId}`}
          maxLength={200}
          aria-invalid={!!errors.reason}
          value={reason}
          onChange={(e) => (setReason(e.target.value), setErrors(({ reason: _r, ...rest }) => rest))}
        />
        {error("reason")}
      </div>
      <div className="sm:pt-5">
        <Button size="small" variant="secondary" type="submit" isLoading={adjust.isPending}>
          Adjust
        </Button>
      </div>
      {errors.other && (
        <Text size="xsmall" role="alert" className="text-ui-fg-error sm:col-span-4">
          Not adjusted: {errors.other}
        </Text>
      )}
    </form>
  )
}
