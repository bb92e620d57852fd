import { Badge, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link, useParams, useSearchParams } from "react-router-dom"
import { AdjustPointsForm, BalanceFacts, LedgerTable, useCustomerLoyalty } from "../../../../../components/loyalty/customer-points"
import { formatPoints, LoyaltySettings, memberName } from "../../../../../lib/loyalty"
import { sdk } from "../../../../../lib/sdk"
import { formatDay } from "../../../../../lib/subscriptions"

const PAGE_SIZE = 20

type Customer = { id: string; email: string | null; first_name: string | null; last_name: string | null; has_account: boolean; created_at: string }

/** One member: balances, tier and its history, the ledger page by page, and a manual adjustment. */
const MemberPage = () => {
  const { customerId = "" } = useParams()
  // The ledger page lives in the URL: back from an order opens the same page of history.
  const [params, setParams] = useSearchParams()
  const page = Math.max(Number(params.get("page") ?? 0) || 0, 0)
  const setPage = (p: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (p > 0) next.set("page", String(p))
        else next.delete("page")
        return next
      },
      { replace: true }
    )
  const customer = useQuery({
    queryKey: ["retention-loyalty-member-customer", customerId],
    queryFn: () =>
      sdk.client.fetch<{ customer: Customer }>(`/admin/customers/${customerId}`, {
        query: { fields: "id,email,first_name,last_name,has_account,created_at" },
      }),
    retry: false,
  })
  const loyalty = useCustomerLoyalty(customerId, page, PAGE_SIZE)
  const settings = useQuery({
    queryKey: ["retention-loyalty-settings"],
    queryFn: () => sdk.client.fetch<{ settings: LoyaltySettings }>("/admin/retention/loyalty/settings"),
  })
  const tierName = (key: string | null) => (key ? (settings.data?.settings.tiers.find((t) => t.key === key)?.name ?? key) : "no tier")

  const back = (
    <Link to="/retention/loyalty" className="txt-compact-small text-ui-fg-subtle hover:text-ui-fg-base">
      ← Loyalty members
    </Link>
  )
  if (customer.isError) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="px-6 py-4">
          <Text className="text-ui-fg-error">Could not load the customer: {customer.error.message}</Text>
        </Container>
      </div>
    )
  }
  const c = customer.data?.customer
  const l = loyalty.data?.loyalty
  const changes = loyalty.data?.tier_changes ?? []

  return (
    <div className="flex flex-col gap-y-3">
      {back}
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-start justify-between gap-2 px-6 py-4">
          <div className="min-w-0">
            {c ? (
              <>
                <Heading level="h1" className="break-all">
                  {memberName(c)}
                </Heading>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {c.first_name || c.last_name ? <span className="break-all">{c.email} · </span> : null}
                  <span className="whitespace-nowrap">customer since {formatDay(c.created_at)}</span>
                </Text>
              </>
            ) : (
              <div className="flex flex-col gap-1">
                <Skeleton className="h-6 w-48" />
                <Skeleton className="h-3 w-64" />
              </div>
            )}
          </div>
          <div className="flex items-center gap-3">
            {l?.tier && (
              <Badge size="2xsmall" color="purple">
                {l.tier.name} · {l.tier.multiplier}× points
              </Badge>
            )}
            <Link to={`/customers/${customerId}`} className="txt-compact-small whitespace-nowrap text-ui-fg-interactive">
              Customer page →
            </Link>
          </div>
        </div>
        <div className="px-6 py-4">
          <BalanceFacts data={loyalty.data} guest={c?.has_account === false} />
        </div>
        {loyalty.isError && (
          <Text size="small" className="px-6 py-4 text-ui-fg-error">
            Could not load the points: {loyalty.error.message}
          </Text>
        )}
      </Container>

      {c && !c.has_account ? (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Guest customer: points are for customers with an account, so there is no adjustment here. They start earning once they
            register.
          </Text>
        </Container>
      ) : (
        <Container className="divide-y p-0">
          <div className="px-6 py-4">
            <Heading level="h2">Adjust points</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              A new entry in the history, recorded with your name. A debit larger than the available points is refused.
            </Text>
          </div>
          <div className="px-6 py-4">
            <AdjustPointsForm customerId={customerId} />
          </div>
        </Container>
      )}

      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Points history</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {loyalty.data ? `${formatPoints(loyalty.data.count)} ${loyalty.data.count === 1 ? "entry" : "entries"}, newest first` : " "}
          </Text>
        </div>
        <LedgerTable data={loyalty.data} page={page} pageSize={PAGE_SIZE} onPage={setPage} />
      </Container>

      {changes.length > 0 && (
        <Container className="divide-y p-0">
          <div className="px-6 py-4">
            <Heading level="h2">Tier changes</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Decided on the points earned in the 12 months before each change.
            </Text>
          </div>
          <ul className="divide-y">
            {changes.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 px-6 py-3">
                <Text size="small">
                  {tierName(t.from_tier)} → <span className="font-medium">{tierName(t.to_tier)}</span>
                </Text>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {formatDay(t.created_at)} · {formatPoints(t.window_points)} points in 12 months
                </Text>
              </li>
            ))}
          </ul>
        </Container>
      )}
    </div>
  )
}

export default MemberPage
