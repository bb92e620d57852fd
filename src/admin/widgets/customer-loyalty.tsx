import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { CustomerLoyalty, formatPoints } from "../lib/loyalty"
import { splitFieldErrors } from "../lib/number-input"
import { sdk } from "../lib/sdk"

const PAGE = 10
const ADJUST_LABELS: Record<string, string> = { points: "Points", note: "Internal note", reason: "Customer sees" }

/**
 * Balances, tier, ledger and a manual adjustment: an internal note (required, admin only) and
 * an optional reason the customer sees in their points history, recorded with the admin.
 */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const client = useQueryClient()
  const [page, setPage] = useState(0)
  const [points, setPoints] = useState("")
  const [note, setNote] = useState("")
  const [reason, setReason] = useState("")
  const key = ["retention-loyalty-customer", customer.id, page]
  const { data } = useQuery({
    queryKey: key,
    queryFn: () =>
      sdk.client.fetch<CustomerLoyalty>(`/admin/retention/loyalty/customers/${customer.id}`, {
        query: { limit: PAGE, offset: page * PAGE },
      }),
    enabled: customer.has_account,
  })
  const adjust = useMutation({
    mutationFn: () =>
      sdk.client.fetch(`/admin/retention/loyalty/customers/${customer.id}/adjustments`, {
        method: "POST",
        body: { points: Number(points), note, ...(reason.trim() ? { reason } : {}) },
      }),
    onSuccess: () => {
      toast.success("Adjustment recorded")
      setPoints("")
      setNote("")
      setReason("")
      client.invalidateQueries({ queryKey: ["retention-loyalty-customer", customer.id] })
    },
    // The API names its fields ("points: not enough points …"); say it with the form's labels.
    onError: (e: Error) =>
      toast.error(
        `Not adjusted: ${splitFieldErrors(e.message)
          .map(({ path, message }) => (ADJUST_LABELS[path] ? `${ADJUST_LABELS[path]}: ${message}` : message))
          .join("; ")}`
      ),
  })
  // Guests (checkout without an account) earn no points, and an adjustment would fill a
  // balance they can never see or spend.
  if (!customer.has_account) {
    return (
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Loyalty points</Heading>
        </div>
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          Guest customer: points are for customers with an account. They start earning once they register.
        </Text>
      </Container>
    )
  }
  if (!data) return null
  const l = data.loyalty
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Loyalty points</Heading>
        {l.tier && <Badge size="2xsmall">{l.tier.name} · {l.tier.multiplier}×</Badge>}
      </div>
      <div className="grid grid-cols-4 gap-2 px-6 py-4">
        {[
          ["Available", l.available],
          ["Pending", l.pending],
          ["On hold", l.held],
          ["Lifetime", l.lifetime_earned],
        ].map(([label, value]) => (
          <div key={String(label)}>
            <Text size="xsmall" className="text-ui-fg-subtle">{label}</Text>
            <Text weight="plus">{formatPoints(Number(value))}</Text>
          </div>
        ))}
        {l.progress.next_tier && (
          <Text size="xsmall" className="text-ui-fg-subtle col-span-4">
            {formatPoints(l.progress.points_to_next)} points to {l.progress.next_tier.name} (rolling 12 months: {formatPoints(l.progress.window_points)})
          </Text>
        )}
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Date</Table.HeaderCell>
            <Table.HeaderCell>Type</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Points</Table.HeaderCell>
            <Table.HeaderCell>Note</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.entries.map((e) => (
            <Table.Row key={e.id}>
              <Table.Cell>{new Date(e.created_at).toLocaleDateString()}</Table.Cell>
              <Table.Cell>
                {e.type}
                {e.status !== "available" && <Badge size="2xsmall" className="ml-1">{e.status}</Badge>}
              </Table.Cell>
              <Table.Cell className="text-right">{e.points > 0 ? `+${e.points}` : e.points}</Table.Cell>
              <Table.Cell title={e.actor !== "system" ? `by ${e.actor}` : undefined}>
                {e.note ?? `${e.reference} ${e.reference_id}`}
                {e.reason && <Text size="xsmall" className="text-ui-fg-subtle">Customer sees: {e.reason}</Text>}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Table.Pagination
        count={data.count}
        pageSize={PAGE}
        pageIndex={page}
        pageCount={Math.max(1, Math.ceil(data.count / PAGE))}
        canPreviousPage={page > 0}
        canNextPage={(page + 1) * PAGE < data.count}
        previousPage={() => setPage((p) => Math.max(0, p - 1))}
        nextPage={() => setPage((p) => p + 1)}
      />
      <div className="grid grid-cols-1 items-end gap-2 px-6 py-4 sm:grid-cols-[120px_1fr_1fr_auto]">
        <div>
          <Label htmlFor="loyalty-adjust-points">Points (±)</Label>
          <Input id="loyalty-adjust-points" type="number" step={1} value={points} onChange={(e) => setPoints(e.target.value)} />
        </div>
        <div>
          <Label htmlFor="loyalty-adjust-note">Internal note (admins only)</Label>
          <Input id="loyalty-adjust-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div>
          <Label htmlFor="loyalty-adjust-reason">Customer sees (optional)</Label>
          <Input id="loyalty-adjust-reason" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <Button
          size="small"
          variant="secondary"
          disabled={!points || !Number.isInteger(Number(points)) || Number(points) === 0 || note.trim().length < 3}
          isLoading={adjust.isPending}
          onClick={() => adjust.mutate()}
        >
          Adjust
        </Button>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerLoyaltyWidget
