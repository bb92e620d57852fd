import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { FilterSelect } from "../../../components/filter-select"
import { ActivePauses } from "../../../components/messaging/active-pauses"
import { MessageDrawer } from "../../../components/messaging/message-drawer"
import { MessageStatusBadge } from "../../../components/messaging/message-status-badge"
import { ResendButton } from "../../../components/messaging/resend-button"
import { SortHeader } from "../../../components/sort-header"
import {
  describeReason,
  formatDate,
  MESSAGE_STATUSES,
  MessageList,
  TemplateSummary,
  TOPIC_LABELS,
  TOPICS,
} from "../../../lib/messaging"
import { sdk } from "../../../lib/sdk"
import { useDebouncedValue } from "../../../lib/use-debounced-value"
import { useSendLimits } from "../../../lib/use-send-limits"

const PAGE_SIZE = 20
// Newest first, as the API sorts without an `order`; kept out of the URL.
const DEFAULT_ORDER = "-created_at"

// created_after/created_before come only from links (the Overview's figures link here with their
// range); a chip shows them and clears them.
type FilterKey = "topic" | "status" | "template" | "created_after" | "created_before"

const MessagesPage = () => {
  // Filters live in the URL, so a link (e.g. from the customer page) opens a filtered log.
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState(params.get("q") ?? "")
  const debouncedSearch = useDebouncedValue(search.trim(), 300)
  const [openId, setOpenId] = useState<string | null>(null)
  const limits = useSendLimits()
  const page = Math.max(Number(params.get("page") ?? 0) || 0, 0)
  const order = params.get("order") || DEFAULT_ORDER

  const update = (changes: Partial<Record<FilterKey | "q" | "page" | "order", string>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [key, value] of Object.entries(changes)) {
          if (value && !(key === "order" && value === DEFAULT_ORDER)) next.set(key, value)
          else next.delete(key)
        }
        // Any filter or order change starts over at the first page.
        if (!("page" in changes)) next.delete("page")
        return next
      },
      { replace: true }
    )
  }

  useEffect(() => {
    if ((params.get("q") ?? "") !== debouncedSearch) update({ q: debouncedSearch })
    // Only the debounced text should trigger this; `params` changes on every filter change.
  }, [debouncedSearch])

  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) })
  for (const key of ["q", "topic", "status", "template", "created_after", "created_before", "order"] as const) {
    const value = params.get(key)
    if (value) query.set(key, value)
  }

  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "messages", query.toString()],
    queryFn: () => sdk.client.fetch<MessageList>(`/admin/retention/messages?${query.toString()}`),
    placeholderData: keepPreviousData,
  })
  const templates = useQuery({
    queryKey: ["retention", "templates"],
    queryFn: () => sdk.client.fetch<{ templates: TemplateSummary[] }>("/admin/retention/templates"),
  })

  const count = data?.count ?? 0
  const pageCount = Math.max(Math.ceil(count / PAGE_SIZE), 1)

  return (
    <div className="flex flex-col gap-y-3">
      <ActivePauses />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h1">Messages</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Every email the plugin sent, deferred, suppressed or failed, exactly as the recipient got it.
            </Text>
          </div>
          <Button size="small" variant="secondary" asChild>
            <Link to="/retention/templates">Edit templates</Link>
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2 px-6 py-4">
          <Input
            size="small"
            type="search"
            placeholder="Search recipient email"
            className="w-[260px]"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <FilterSelect
            label="Topic"
            value={params.get("topic") ?? ""}
            options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] ?? t }))}
            onChange={(topic) => update({ topic })}
          />
          <FilterSelect
            label="Status"
            value={params.get("status") ?? ""}
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: s }))}
            onChange={(status) => update({ status })}
          />
          <FilterSelect
            label="Template"
            value={params.get("template") ?? ""}
            options={(templates.data?.templates ?? []).map((t) => ({ value: t.name, label: t.name }))}
            onChange={(template) => update({ template })}
          />
          {(params.get("created_after") || params.get("created_before")) && (
            <Button size="small" variant="secondary" onClick={() => update({ created_after: "", created_before: "" })}>
              Created {params.get("created_after") ? new Date(params.get("created_after") ?? "").toLocaleDateString() : "…"} –{" "}
              {params.get("created_before")
                ? new Date(new Date(params.get("created_before") ?? "").getTime() - 1).toLocaleDateString()
                : "now"}{" "}
              ×
            </Button>
          )}
        </div>
        {error ? (
          <Text className="px-6 py-4">Could not load messages: {error.message}</Text>
        ) : (
          <>
            <Table>
              <Table.Header>
                <Table.Row>
                  <SortHeader field="to_email" label="Recipient" order={order} onOrder={(o) => update({ order: o })} />
                  <Table.HeaderCell>Subject</Table.HeaderCell>
                  <SortHeader field="template" label="Template" order={order} onOrder={(o) => update({ order: o })} />
                  <Table.HeaderCell>Topic</Table.HeaderCell>
                  <SortHeader field="status" label="Status" order={order} onOrder={(o) => update({ order: o })} />
                  <SortHeader field="created_at" label="Created" first="desc" order={order} onOrder={(o) => update({ order: o })} />
                  <Table.HeaderCell />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {data?.messages.map((m) => (
                  <Table.Row
                    key={m.id}
                    className="cursor-pointer"
                    tabIndex={0}
                    onClick={() => setOpenId(m.id)}
                    onKeyDown={(e) => e.key === "Enter" && setOpenId(m.id)}
                  >
                    <Table.Cell>{m.to_email}</Table.Cell>
                    <Table.Cell className="max-w-[280px] truncate">{m.subject ?? "—"}</Table.Cell>
                    <Table.Cell>
                      {m.template} ({m.locale})
                    </Table.Cell>
                    <Table.Cell>{TOPIC_LABELS[m.topic] ?? m.topic}</Table.Cell>
                    <Table.Cell>
                      <div className="flex flex-col items-start gap-0.5">
                        <MessageStatusBadge status={m.status} title={m.status_reason ?? undefined} />
                        {m.status_reason && ["deferred", "suppressed", "failed"].includes(m.status) && (
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {describeReason(m.status_reason, limits)}
                          </Text>
                        )}
                      </div>
                    </Table.Cell>
                    <Table.Cell>{formatDate(m.created_at)}</Table.Cell>
                    {/* The row opens the drawer on click; the button must not. */}
                    <Table.Cell onClick={(e) => e.stopPropagation()}>
                      <ResendButton message={m} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            {isLoading ? (
              <Text size="small" className="px-6 py-4">
                Loading…
              </Text>
            ) : (
              !data?.messages.length && (
                <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                  No messages match these filters.
                </Text>
              )
            )}
            <Table.Pagination
              count={count}
              pageSize={PAGE_SIZE}
              pageIndex={page}
              pageCount={pageCount}
              canPreviousPage={page > 0}
              canNextPage={page + 1 < pageCount}
              previousPage={() => update({ page: page > 1 ? String(page - 1) : "" })}
              nextPage={() => update({ page: String(page + 1) })}
            />
          </>
        )}
      </Container>
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Messages", rank: 50 })

export default MessagesPage
