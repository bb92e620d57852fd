import { Badge, Drawer, Heading, Tabs, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useQuery } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import { bodyRemovedNote, formatDate, MessageDetail, MessageEvent, TOPIC_LABELS } from "../../lib/messaging"
import { EmailFrame } from "./email-frame"
import { MessageStatusBadge } from "./message-status-badge"
import { ResendButton } from "./resend-button"

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="grid grid-cols-3 gap-2 py-1">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="small" className="col-span-2 break-all">
      {children}
    </Text>
  </div>
)

/** The message's own milestones plus provider events, newest first. */
function timeline(message: MessageDetail, events: MessageEvent[]) {
  const own = [
    { label: "Created", at: message.created_at },
    { label: "Sent", at: message.sent_at },
    { label: "Delivered", at: message.delivered_at },
    { label: "Opened", at: message.opened_at },
    { label: "Clicked", at: message.clicked_at },
  ].filter((entry): entry is { label: string; at: string } => !!entry.at)
  const provider = events.map((e) => ({ label: `Provider event: ${e.type}`, at: e.occurred_at }))
  return [...own, ...provider].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
}

const MessageBody = ({ id }: { id: string }) => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "message", id],
    queryFn: () => sdk.client.fetch<{ message: MessageDetail; events: MessageEvent[] }>(`/admin/retention/messages/${id}`),
  })
  if (isLoading) return <Text size="small">Loading message…</Text>
  if (error || !data) return <Text size="small">Could not load this message.</Text>
  const { message, events } = data
  const removed = bodyRemovedNote(message)

  return (
    <div className="flex flex-col gap-4">
      <div>
        <Heading level="h3">{message.subject ?? "(not rendered yet)"}</Heading>
        <div className="mt-2 flex items-center gap-2">
          <MessageStatusBadge status={message.status} />
          {message.status_reason && <Badge size="2xsmall">{message.status_reason}</Badge>}
          <ResendButton message={message} />
        </div>
      </div>
      <div className="divide-y">
        <Field label="Recipient">{message.to_email}</Field>
        <Field label="Template">
          {message.template} ({message.locale})
        </Field>
        <Field label="Topic">
          {TOPIC_LABELS[message.topic] ?? message.topic} · {message.category}
        </Field>
        {message.deferred_until && <Field label="Deferred until">{formatDate(message.deferred_until)}</Field>}
        {message.status === "retrying" && message.next_attempt_at && (
          <Field label="Next attempt">{formatDate(message.next_attempt_at)}</Field>
        )}
        {message.first_failed_at && <Field label="First failed">{formatDate(message.first_failed_at)}</Field>}
        <Field label="Attempts">{message.attempts}</Field>
        {message.last_error && <Field label="Last error">{message.last_error}</Field>}
        {message.provider_message_id && <Field label="Provider id">{message.provider_message_id}</Field>}
        <Field label="Key">{message.idempotency_key}</Field>
      </div>

      <div>
        <Text weight="plus" size="small" className="mb-2">
          History
        </Text>
        <ol className="flex flex-col gap-1">
          {timeline(message, events).map((entry, i) => (
            <li key={`${entry.label}-${i}`} className="flex justify-between gap-4">
              <Text size="small">{entry.label}</Text>
              <Text size="small" className="text-ui-fg-subtle">
                {formatDate(entry.at)}
              </Text>
            </li>
          ))}
        </ol>
      </div>

      <Tabs defaultValue="html">
        <Tabs.List>
          <Tabs.Trigger value="html">HTML</Tabs.Trigger>
          <Tabs.Trigger value="text">Text</Tabs.Trigger>
          <Tabs.Trigger value="data">Data</Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="html" className="pt-3">
          {message.html ? (
            <EmailFrame html={message.html} title={`Email sent to ${message.to_email}`} />
          ) : (
            <Text size="small" className="text-ui-fg-subtle">
              {removed ?? "Nothing was rendered for this message (it was suppressed or deferred before rendering)."}
            </Text>
          )}
        </Tabs.Content>
        <Tabs.Content value="text" className="pt-3">
          {removed && message.text === null ? (
            <Text size="small" className="text-ui-fg-subtle">
              {removed}
            </Text>
          ) : (
            <pre className="txt-compact-small whitespace-pre-wrap rounded-md bg-ui-bg-subtle p-3">
              {message.text ?? "—"}
            </pre>
          )}
        </Tabs.Content>
        <Tabs.Content value="data" className="pt-3">
          <pre className="txt-compact-small overflow-auto whitespace-pre rounded-md bg-ui-bg-subtle p-3">
            {JSON.stringify(message.data, null, 2)}
          </pre>
        </Tabs.Content>
      </Tabs>
    </div>
  )
}

/** Side panel with one message as the recipient got it. Closed when `id` is null. */
export const MessageDrawer = ({ id, onClose }: { id: string | null; onClose: () => void }) => (
  <Drawer open={!!id} onOpenChange={(open) => !open && onClose()}>
    <Drawer.Content className="max-w-[720px]">
      <Drawer.Header>
        <Drawer.Title>Message</Drawer.Title>
      </Drawer.Header>
      <Drawer.Body className="overflow-y-auto">{id && <MessageBody id={id} />}</Drawer.Body>
    </Drawer.Content>
  </Drawer>
)
