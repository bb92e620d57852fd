import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"

type Send = { id: string; step: number; status: string; subject: string | null; sent_at: string | null; clicked_at: string | null; promotion_code: string | null }
type TrackedCart = {
  id: string
  cart_id: string
  status: string
  value: number
  currency_code: string
  last_activity_at: string
  next_action_at: string | null
  holdout: boolean
  sends: Send[]
}

const STATUS_COLOR: Record<string, "green" | "orange" | "blue" | "grey" | "red"> = {
  active: "blue",
  abandoned: "orange",
  emailed: "orange",
  recovered: "green",
  converted: "green",
  expired: "grey",
  opted_out: "red",
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "–")

/** The customer's abandoned carts and the recovery emails each got. */
const CustomerAbandonedCartsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "cart-recovery", "customer", customer.id],
    queryFn: () => sdk.client.fetch<{ carts: TrackedCart[] }>(`/admin/retention/cart-recovery/carts?customer_id=${customer.id}&limit=10`),
  })
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Abandoned carts</Heading>
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="px-6 py-4">Could not load abandoned carts.</Text>}
      {data && !data.carts.length && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          No tracked carts.
        </Text>
      )}
      {data?.carts.map((cart) => (
        <div key={cart.id} className="flex flex-col gap-y-1 px-6 py-3">
          <div className="flex items-center justify-between">
            <Text size="small" weight="plus">
              {new Intl.NumberFormat(undefined, { style: "currency", currency: cart.currency_code.toUpperCase() }).format(Number(cart.value))}
            </Text>
            <Badge size="2xsmall" color={STATUS_COLOR[cart.status] ?? "grey"}>
              {cart.holdout ? `${cart.status} (holdout)` : cart.status}
            </Badge>
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Last activity {when(cart.last_activity_at)}
            {cart.next_action_at ? ` · next step ${when(cart.next_action_at)}` : ""}
          </Text>
          {cart.sends.map((s) => (
            <Text key={s.id} size="xsmall">
              Step {s.step}: {s.status}
              {s.sent_at ? ` ${when(s.sent_at)}` : ""}
              {s.subject ? ` · “${s.subject}”` : ""}
              {s.promotion_code ? ` · code ${s.promotion_code}` : ""}
              {s.clicked_at ? " · clicked" : ""}
            </Text>
          ))}
        </div>
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerAbandonedCartsWidget
