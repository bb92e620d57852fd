import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { MessageStatusBadge } from "../components/messaging/message-status-badge"
import { CONSENT_TOPICS, CustomerMessaging, formatDate, TOPIC_LABELS } from "../lib/messaging"
import { sdk } from "../lib/sdk"

const SUPPRESSION_LABELS: Record<string, string> = {
  hard_bounce: "Hard bounce",
  spam_complaint: "Spam complaint",
  unsubscribe: "Unsubscribed at the provider",
  manual: "Blocked by hand",
}

/** Consent, suppressions and the latest retention emails of one customer. */
const CustomerRetentionWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "customer-messaging", customer.id],
    queryFn: () => sdk.client.fetch<CustomerMessaging>(`/admin/retention/customers/${customer.id}/messaging`),
  })

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Retention emails</Heading>
        {data?.email && (
          <Link
            to={`/retention/messages?q=${encodeURIComponent(data.email)}`}
            className="txt-compact-small text-ui-fg-interactive"
          >
            All messages
          </Link>
        )}
      </div>
      {isLoading && <Text className="px-6 py-4">Loading…</Text>}
      {error && <Text className="px-6 py-4">Could not load retention data.</Text>}
      {data && !data.email && (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          This customer has no email address.
        </Text>
      )}
      {data?.email && (
        <>
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">
              Consent
            </Text>
            <ul className="flex flex-col gap-1">
              {(["all", ...CONSENT_TOPICS] as const).map((topic) => {
                const consent = data.consents.find((c) => c.topic === topic)
                return (
                  <li key={topic} className="flex items-center justify-between gap-2">
                    <Text size="small">{TOPIC_LABELS[topic] ?? topic}</Text>
                    {consent ? (
                      <div className="flex items-center gap-2">
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {consent.source} · {formatDate(consent.recorded_at)}
                        </Text>
                        <StatusBadge color={consent.status === "granted" ? "green" : "red"}>
                          {consent.status}
                        </StatusBadge>
                      </div>
                    ) : (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        Not recorded (store policy applies)
                      </Text>
                    )}
                  </li>
                )
              })}
            </ul>
          </div>
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">
              Suppressions
            </Text>
            {data.suppressions.length ? (
              <ul className="flex flex-col gap-1">
                {data.suppressions.map((s) => (
                  <li key={s.id} className="flex items-center justify-between gap-2">
                    <Badge size="2xsmall" color="red">
                      {SUPPRESSION_LABELS[s.reason] ?? s.reason}
                    </Badge>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {s.source} · {formatDate(s.created_at)}
                    </Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                None: marketing email can reach this address.
              </Text>
            )}
          </div>
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">
              Latest messages
            </Text>
            {data.messages.length ? (
              <ul className="flex flex-col gap-2">
                {data.messages.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-2">
                    <div className="flex min-w-0 flex-col">
                      <Text size="small" className="truncate">
                        {m.subject ?? m.template}
                      </Text>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {m.template} · {formatDate(m.created_at)}
                      </Text>
                    </div>
                    <MessageStatusBadge status={m.status} title={m.status_reason ?? undefined} />
                  </li>
                ))}
              </ul>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No retention emails yet.
              </Text>
            )}
          </div>
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.after" })

export default CustomerRetentionWidget
