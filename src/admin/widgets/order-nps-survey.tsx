import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { CATEGORY_COLOR, NpsSurveyRow, SURVEY_STATUS_COLOR, when } from "../lib/nps"
import { sdk } from "../lib/sdk"

/** The order's NPS survey: when it goes or went out, and the answer. */
const OrderNpsSurveyWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "nps", "order", order.id],
    queryFn: () => sdk.client.fetch<{ surveys: NpsSurveyRow[] }>(`/admin/retention/nps/surveys?order_id=${order.id}`),
  })
  const survey = data?.surveys[0]
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">NPS survey</Heading>
        {survey && (
          <Badge size="2xsmall" color={SURVEY_STATUS_COLOR[survey.status]}>
            {survey.status}
          </Badge>
        )}
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="px-6 py-4">Could not load the survey.</Text>}
      {data && !survey && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          {/* A canceled order is never delivered, so nothing would ever schedule one. */}
          {order.status === "canceled"
            ? "No survey: none is sent for a canceled order."
            : "No survey: one is scheduled when the order is delivered."}
        </Text>
      )}
      {survey && (
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Text size="small">
            {survey.status === "scheduled" && `Goes out ${when(survey.due_at)}`}
            {survey.status === "skipped" && `Skipped: ${survey.skip_reason ?? "unknown"}`}
            {(survey.status === "sent" || survey.status === "responded") && `Sent ${when(survey.sent_at)}`}
          </Text>
          {survey.response && (
            <>
              <div className="flex items-center gap-x-2">
                <Badge size="2xsmall" color={CATEGORY_COLOR[survey.response.category]}>
                  {survey.response.score} / 10
                </Badge>
                <Text size="small" className="text-ui-fg-subtle">
                  {survey.response.status === "discarded" ? `discarded (${survey.response.discard_reason})` : survey.response.status}
                </Text>
              </div>
              {survey.response.comment && <Text size="small">“{survey.response.comment}”</Text>}
            </>
          )}
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.after" })

export default OrderNpsSurveyWidget
