import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { AdjustPointsForm, BalanceFacts, LedgerTable, useCustomerLoyalty } from "../components/loyalty/customer-points"

const PAGE = 10

/**
 * Balances, tier, ledger and a manual adjustment (the same as the member page, which it links
 * to): an internal note (required, admin only) and an optional reason the customer sees.
 */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const [page, setPage] = useState(0)
  const { data } = useCustomerLoyalty(customer.id, page, PAGE, customer.has_account)
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
  const tier = data?.loyalty.tier
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div className="flex items-center gap-2">
          <Heading level="h2">Loyalty points</Heading>
          {tier && (
            <Badge size="2xsmall">
              {tier.name} · {tier.multiplier}×
            </Badge>
          )}
        </div>
        <Link to={`/retention/loyalty/members/${customer.id}`} className="txt-compact-small text-ui-fg-interactive">
          Member page
        </Link>
      </div>
      <div className="px-6 py-4">
        <BalanceFacts data={data} />
      </div>
      <LedgerTable data={data} page={page} pageSize={PAGE} onPage={setPage} />
      <div className="px-6 py-4">
        <AdjustPointsForm customerId={customer.id} />
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerLoyaltyWidget
