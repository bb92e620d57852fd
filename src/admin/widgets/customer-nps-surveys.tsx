import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { CATEGORY_COLOR, NpsSurveyRow, SURVEY_STATUS_COLOR, when } from "../lib/nps"
import { sdk } from "../lib/sdk"

/** The customer's NPS survey history. */
const CustomerNpsSurveysWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "nps", "customer", customer.id],
    queryFn: () => sdk.client.fetch<{ surveys: NpsSurveyRow[] }>(`/admin/retention/nps/surveys?customer_id=${customer.id}&limit=20`),
  })
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">NPS surveys</Heading>
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="px-6 py-4">Could not load surveys.</Text>}
      {data && !data.surveys.length && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          No surveys yet.
        </Text>
      )}
      {data?.surveys.map((s) => (
        <div key={s.id} className="flex items-center justify-between px-6 py-3">
          <div className="flex flex-col">
            <Text size="small" weight="plus">
              {s.order_display_id ? `Order #${s.order_display_id}` : s.order_id}
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {s.status === "skipped" ? `Skipped: ${s.skip_reason ?? "unknown"}` : s.sent_at ? `Sent ${when(s.sent_at)}` : `Due ${when(s.due_at)}`}
              {s.response?.comment ? ` · “${s.response.comment}”` : ""}
            </Text>
          </div>
          {s.response && s.response.status !== "discarded" ? (
            <Badge size="2xsmall" color={CATEGORY_COLOR[s.response.category]}>
              {s.response.score}
            </Badge>
          ) : (
            <Badge size="2xsmall" color={SURVEY_STATUS_COLOR[s.status]}>
              {s.status}
            </Badge>
          )}
        </div>
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerNpsSurveysWidget
