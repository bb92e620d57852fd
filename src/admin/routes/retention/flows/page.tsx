import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { STATUS_COLOR } from "../../../components/campaigns/campaign-parts"
import { formatMoney } from "../../../lib/analytics"
import { formatDate } from "../../../lib/customers"
import { FlowsList, KIND_LABELS, triggerText } from "../../../lib/flows"
import { sdk } from "../../../lib/sdk"

type Row = {
  id: string
  href: string
  name: string
  kind: string
  status: "active" | "paused" | "draft"
  trigger: string
  steps: number
  active: number
  sends: number
  opens: number
  clicks: number
  conversions: number
  revenue: Record<string, number>
  created_at: string
}

// The kind is written under the flow's name and each currency's revenue on its own line, so the
// table fits the admin's content width at 1440 px without scrolling sideways.
const COLUMNS = ["Flow", "Status", "Trigger", "Steps", "In flow", "Sends", "Opens", "Clicks", "Orders", "Revenue", "Created"]
const NUMERIC = new Set(["Steps", "In flow", "Sends", "Opens", "Clicks", "Orders", "Revenue"])

/** Retention → Flows: every lifecycle flow and the cart-recovery campaigns, with their figures. */
const FlowsPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "flows"],
    queryFn: () => sdk.client.fetch<FlowsList>("/admin/retention/flows"),
  })
  const rows: Row[] = [
    ...(data?.flows ?? []).map((f) => ({
      id: f.id,
      href: `/retention/flows/${f.id}`,
      name: f.name,
      kind: KIND_LABELS[f.kind],
      status: f.status,
      trigger: triggerText(f.kind, f.trigger),
      steps: f.steps.length,
      active: f.stats?.active ?? 0,
      sends: f.stats?.sends ?? 0,
      opens: f.stats?.opens ?? 0,
      clicks: f.stats?.clicks ?? 0,
      conversions: f.stats?.conversions ?? 0,
      revenue: f.stats?.revenue ?? {},
      created_at: f.created_at,
    })),
    ...(data?.cart_recovery ?? []).map((c) => ({
      id: c.id,
      href: `/retention/campaigns/${c.id}`,
      name: c.name,
      kind: KIND_LABELS.cart_recovery,
      status: c.status,
      trigger: triggerText("cart_recovery"),
      steps: c.steps.length,
      active: c.stats.active,
      sends: c.stats.sends,
      opens: c.stats.opens,
      clicks: c.stats.clicks,
      conversions: c.stats.conversions,
      revenue: c.stats.revenue,
      created_at: c.created_at,
    })),
  ]

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <div>
            <Heading>Flows</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Automated emails along the customer's journey: welcome series, thank-you after a purchase, birthday, win-back, and the cart-recovery campaigns.
              Figures over each flow's life; revenue is the orders credited to its emails (last touch), per currency.
            </Text>
          </div>
        </div>
        {error ? (
          <div className="px-6 py-4">
            <Text size="small" className="text-ui-fg-error">
              Could not load the flows: {error.message}
            </Text>
          </div>
        ) : !isLoading && rows.length === 0 ? (
          <div className="px-6 py-8">
            <Text size="small" className="text-ui-fg-subtle">
              No flows yet. The default flows appear here once the plugin's module is loaded.
            </Text>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <Table.Header>
                <Table.Row>
                  {COLUMNS.map((c) => (
                    <Table.HeaderCell key={c} className={NUMERIC.has(c) ? "text-right" : undefined}>
                      {c}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {isLoading &&
                  [0, 1, 2, 3, 4].map((i) => (
                    <Table.Row key={`skeleton-${i}`} aria-hidden>
                      {COLUMNS.map((c) => (
                        <Table.Cell key={c}>
                          <div className="h-4 w-16 animate-pulse rounded bg-ui-bg-component" />
                        </Table.Cell>
                      ))}
                    </Table.Row>
                  ))}
                {rows.map((r) => (
                  <Table.Row key={r.id}>
                    <Table.Cell className="py-2">
                      <Link to={r.href} className="text-ui-fg-interactive whitespace-nowrap">
                        {r.name}
                      </Link>
                      <Text size="xsmall" className="whitespace-nowrap text-ui-fg-subtle">
                        {r.kind}
                      </Text>
                    </Table.Cell>
                    <Table.Cell>
                      <Badge size="2xsmall" color={STATUS_COLOR[r.status]}>
                        {r.status}
                      </Badge>
                    </Table.Cell>
                    <Table.Cell className="min-w-[200px] max-w-[300px] whitespace-normal py-2">{r.trigger}</Table.Cell>
                    {[r.steps, r.active, r.sends, r.opens, r.clicks, r.conversions].map((n, i) => (
                      <Table.Cell key={i} className="text-right tabular-nums">
                        {n}
                      </Table.Cell>
                    ))}
                    <Table.Cell className="py-2 text-right tabular-nums">
                      {Object.keys(r.revenue).length === 0
                        ? "–"
                        : Object.entries(r.revenue).map(([currency, amount]) => (
                            <div key={currency} className="whitespace-nowrap">
                              {formatMoney(amount, currency)}
                            </div>
                          ))}
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{formatDate(r.created_at)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Flows", rank: 12 })

export default FlowsPage
