import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link, useNavigate } from "react-router-dom"
import { SubscriptionStatusBadge } from "../components/subscriptions/status-badge"
import { sdk } from "../lib/sdk"
import { formatMoney, intervalLabel, itemsSummary, nextRenewal, relativeDay, SubscriptionList, SubscriptionView } from "../lib/subscriptions"

const LIMIT = 10

const perRenewal = (s: SubscriptionView) => (s.renewal_value === null ? null : formatMoney(s.renewal_value, s.currency_code))

/** The customer's replenishment subscriptions, each linking to its page. */
const CustomerSubscriptionsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const navigate = useNavigate()
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "subscriptions", "list", "customer", customer.id],
    queryFn: () => sdk.client.fetch<SubscriptionList>("/admin/retention/subscriptions", { query: { customer_id: customer.id, limit: LIMIT } }),
  })
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">Subscriptions</Heading>
        {data && data.count > data.subscriptions.length && (
          <Link to={`/retention/subscriptions?customer_id=${customer.id}`} className="txt-compact-small-plus text-ui-fg-interactive">
            All {data.count} →
          </Link>
        )}
      </div>
      {isLoading && (
        <Text size="small" className="px-6 py-4">
          Loading…
        </Text>
      )}
      {error && (
        <Text size="small" className="px-6 py-4 text-ui-fg-error">
          Could not load subscriptions: {error.message}
        </Text>
      )}
      {data && !data.subscriptions.length && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          {customer.has_account
            ? "No subscriptions. The customer can subscribe at checkout or from a past order in their account."
            : "No subscriptions. Guests cannot subscribe: renewals need an account and a saved payment method."}
        </Text>
      )}
      {data && data.subscriptions.length > 0 && (
        <div className="hidden overflow-x-auto md:block">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Items</Table.HeaderCell>
                <Table.HeaderCell>Interval</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell>Next renewal</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Per renewal</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.subscriptions.map((s) => {
                const next = nextRenewal(s)
                const open = () => navigate(`/retention/subscriptions/${s.id}`)
                return (
                  <Table.Row key={s.id} className="cursor-pointer" tabIndex={0} onClick={open} onKeyDown={(e) => e.key === "Enter" && open()}>
                    <Table.Cell className="max-w-[280px] truncate" title={itemsSummary(s.items)}>
                      <Link to={`/retention/subscriptions/${s.id}`} onClick={(e) => e.stopPropagation()} className="text-ui-fg-interactive">
                        {itemsSummary(s.items)}
                      </Link>
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
                    <Table.Cell className="whitespace-nowrap text-right">{perRenewal(s) ?? "–"}</Table.Cell>
                  </Table.Row>
                )
              })}
            </Table.Body>
          </Table>
        </div>
      )}
      {data && data.subscriptions.length > 0 && (
        // On a phone, one block per subscription instead of a table wider than the screen.
        <ul className="divide-y md:hidden">
          {data.subscriptions.map((s) => {
            const next = nextRenewal(s)
            return (
              <li key={s.id}>
                <Link to={`/retention/subscriptions/${s.id}`} className="flex flex-col gap-y-1 px-6 py-3 hover:bg-ui-bg-base-hover">
                  <div className="flex items-start justify-between gap-2">
                    <Text size="small" weight="plus" className="min-w-0 text-ui-fg-interactive">
                      {itemsSummary(s.items)}
                    </Text>
                    <SubscriptionStatusBadge status={s.status} />
                  </div>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {[intervalLabel(s.interval), perRenewal(s)].filter(Boolean).join(" · ")}
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
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerSubscriptionsWidget
