import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { FormEvent, useEffect, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { FilterSelect } from "../../../components/filter-select"
import { SortHeader } from "../../../components/sort-header"
import { CONSENT_TOPICS, TOPIC_LABELS } from "../../../lib/messaging"
import { sdk } from "../../../lib/sdk"
import { useDebouncedValue } from "../../../lib/use-debounced-value"

const PAGE_SIZE = 20

type Suppression = { id: string; email: string; reason: string; source: string; created_at: string }
type LogEntry = { id: string; email: string; topic: string; status: "granted" | "revoked"; source: string; reference: string | null; note: string | null; recorded_at: string }

const REASONS: Record<string, string> = {
  hard_bounce: "Hard bounce",
  spam_complaint: "Spam complaint",
  unsubscribe: "Unsubscribed at the provider",
  manual: "Blocked by an admin",
}

const SOURCES: Record<string, string> = {
  admin: "Admin",
  unsubscribe_link: "Unsubscribe link",
  one_click: "One-click unsubscribe",
  preferences: "Preferences page",
  subscription: "Subscribed to a product",
  sendgrid: "SendGrid",
}

const topicLabel = (topic: string) =>
  topic === "all"
    ? "All marketing"
    : topic.startsWith("suppression:")
      ? `Suppression (${REASONS[topic.slice("suppression:".length)] ?? topic.slice("suppression:".length)})`
      : (TOPIC_LABELS[topic] ?? topic)

// Dates as Medusa's admin writes them: "Dec 4, 2026, 09:30".
const when = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit" })

type ApiError = { message?: string }

/**
 * Reads and writes one list's filters and order in the URL under a prefix, so both lists keep
 * their own (`?sorder=email&lorder=-recorded_at`). The default order stays out of the URL.
 */
function useListParams(prefix: string, defaultOrder: string) {
  const [params, setParams] = useSearchParams()
  const get = (key: string) => params.get(`${prefix}${key}`) ?? ""
  const update = (changes: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        for (const [key, value] of Object.entries(changes)) {
          if (value && !(key === "order" && value === defaultOrder)) next.set(`${prefix}${key}`, value)
          else next.delete(`${prefix}${key}`)
        }
        if (!("page" in changes)) next.delete(`${prefix}page`)
        return next
      },
      { replace: true }
    )
  const page = Math.max(Number(get("page")) || 0, 0)
  const order = get("order") || defaultOrder
  const sortBy = (o: string) => update({ order: o })
  return { get, update, page, order, sortBy }
}

function useSearchBox(list: ReturnType<typeof useListParams>) {
  const [search, setSearch] = useState(list.get("q"))
  const debounced = useDebouncedValue(search.trim(), 300)
  useEffect(() => {
    if (list.get("q") !== debounced) list.update({ q: debounced })
  }, [debounced])
  return [search, setSearch] as const
}

const Pagination = ({ count, page, onPage }: { count: number; page: number; onPage: (page: number) => void }) => {
  const pageCount = Math.max(Math.ceil(count / PAGE_SIZE), 1)
  return (
    <Table.Pagination
      count={count}
      pageSize={PAGE_SIZE}
      pageIndex={page}
      pageCount={pageCount}
      canPreviousPage={page > 0}
      canNextPage={page + 1 < pageCount}
      previousPage={() => onPage(page - 1)}
      nextPage={() => onPage(page + 1)}
    />
  )
}

const LiftButton = ({ suppression }: { suppression: Suppression }) => {
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const [note, setNote] = useState("")
  const [error, setError] = useState<string | null>(null)
  const lift = useMutation({
    mutationFn: () =>
      sdk.client.fetch(`/admin/retention/consent/suppressions/${suppression.id}`, { method: "DELETE", body: { note } }),
    onSuccess: () => {
      toast.success(`${suppression.email} can receive marketing again, as far as their consent allows`)
      setOpen(false)
      queryClient.invalidateQueries({ queryKey: ["retention", "consent"] })
    },
    onError: (e: ApiError) => setError((e.message ?? "Could not lift the suppression").replace(/^note: /, "Reason: ")),
  })
  if (!open) {
    return (
      <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
        Lift
      </Button>
    )
  }
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        setError(null)
        lift.mutate()
      }}
    >
      <div className="flex flex-col gap-1">
        <Input
          size="small"
          autoFocus
          aria-label="Reason for lifting"
          aria-invalid={!!error}
          placeholder="Why (e.g. address corrected)"
          value={note}
          onChange={(e) => (setNote(e.target.value), setError(null))}
          className="w-[220px]"
        />
        {error && (
          <Text size="xsmall" className="text-ui-fg-error">
            {error}
          </Text>
        )}
      </div>
      <Button size="small" type="submit" isLoading={lift.isPending}>
        Lift
      </Button>
      <Button size="small" variant="transparent" type="button" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </form>
  )
}

const Suppressions = () => {
  const list = useListParams("s", "-created_at")
  const [search, setSearch] = useSearchBox(list)
  const queryClient = useQueryClient()
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(list.page * PAGE_SIZE) })
  if (list.get("q")) query.set("q", list.get("q"))
  if (list.get("reason")) query.set("reason", list.get("reason"))
  if (list.get("order")) query.set("order", list.get("order"))
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "consent", "suppressions", query.toString()],
    queryFn: () => sdk.client.fetch<{ suppressions: Suppression[]; count: number }>(`/admin/retention/consent/suppressions?${query}`),
    placeholderData: keepPreviousData,
  })
  const exportQuery = new URLSearchParams(query)
  exportQuery.delete("limit")
  exportQuery.delete("offset")
  exportQuery.set("format", "csv")

  const [email, setEmail] = useState("")
  const [note, setNote] = useState("")
  const [formError, setFormError] = useState<string | null>(null)
  const block = useMutation({
    mutationFn: () => sdk.client.fetch<{ created: boolean }>("/admin/retention/consent/suppressions", { method: "POST", body: { email, note: note || undefined } }),
    onSuccess: (res) => {
      toast.success(res.created ? `${email.trim()} gets no marketing email from now on` : `${email.trim()} was already blocked`)
      setEmail("")
      setNote("")
      queryClient.invalidateQueries({ queryKey: ["retention", "consent"] })
    },
    onError: (e: ApiError) => setFormError((e.message ?? "Could not block the address").replace(/^email: /, "Email: ")),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setFormError(null)
    block.mutate()
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">Suppressed addresses</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            These addresses get no marketing email (transactional email still goes out, except after a hard bounce).
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <a href={`/admin/retention/consent/suppressions?${exportQuery}`} download>
            Export CSV
          </a>
        </Button>
      </div>
      <form className="flex flex-wrap items-end gap-3 px-6 py-4" onSubmit={submit}>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="block-email">
            Block an address
          </Label>
          <Input
            id="block-email"
            size="small"
            type="email"
            placeholder="name@example.com"
            aria-invalid={!!formError}
            value={email}
            onChange={(e) => (setEmail(e.target.value), setFormError(null))}
            className="w-[260px]"
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label size="small" htmlFor="block-note">
            Reason (optional)
          </Label>
          <Input id="block-note" size="small" placeholder="e.g. asked by phone" value={note} onChange={(e) => setNote(e.target.value)} className="w-[260px]" />
        </div>
        <Button size="small" type="submit" disabled={!email.trim()} isLoading={block.isPending}>
          Block
        </Button>
        {formError && (
          <Text size="small" className="w-full text-ui-fg-error">
            {formError}
          </Text>
        )}
      </form>
      <div className="flex flex-wrap items-center gap-2 px-6 py-4">
        <Input size="small" type="search" placeholder="Search address" className="w-[260px]" value={search} onChange={(e) => setSearch(e.target.value)} />
        <FilterSelect
          label="Reason"
          value={list.get("reason")}
          options={Object.entries(REASONS).map(([value, label]) => ({ value, label }))}
          onChange={(reason) => list.update({ reason })}
          className="w-[230px]"
        />
      </div>
      {error ? (
        <Text className="px-6 py-4">Could not load suppressions: {error.message}</Text>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <SortHeader field="email" label="Address" order={list.order} onOrder={list.sortBy} />
                <SortHeader field="reason" label="Reason" order={list.order} onOrder={list.sortBy} />
                <SortHeader field="source" label="Source" order={list.order} onOrder={list.sortBy} />
                <SortHeader field="created_at" label="Since" first="desc" order={list.order} onOrder={list.sortBy} />
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data?.suppressions.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell className="break-all">{s.email}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={s.reason === "manual" ? "grey" : "red"}>
                      {REASONS[s.reason] ?? s.reason}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{SOURCES[s.source] ?? s.source}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{when(s.created_at)}</Table.Cell>
                  <Table.Cell>
                    <LiftButton suppression={s} />
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
            !data?.suppressions.length && (
              <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                No suppressed addresses match.
              </Text>
            )
          )}
          {!!data?.count && <Pagination count={data.count} page={list.page} onPage={(p) => list.update({ page: p ? String(p) : "" })} />}
        </div>
      )}
    </Container>
  )
}

const RecordConsent = () => {
  const queryClient = useQueryClient()
  const [form, setForm] = useState({ email: "", topic: "all", status: "granted", note: "" })
  const [error, setError] = useState<string | null>(null)
  const record = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ changed: boolean }>("/admin/retention/consent", {
        method: "POST",
        body: { email: form.email.trim(), topic: form.topic, status: form.status, ...(form.note.trim() ? { note: form.note.trim() } : {}) },
      }),
    onSuccess: (res) => {
      toast.success(res.changed ? "Consent recorded" : "Nothing changed: that was already the address's consent")
      setForm((f) => ({ ...f, email: "", note: "" }))
      queryClient.invalidateQueries({ queryKey: ["retention", "consent"] })
    },
    onError: (e: ApiError) => setError((e.message ?? "Could not record consent").replace(/^email: /, "Email: ").replace(/^note: /, "Note: ")),
  })
  return (
    <form
      className="flex flex-wrap items-end gap-3 px-6 py-4"
      onSubmit={(e) => {
        e.preventDefault()
        setError(null)
        record.mutate()
      }}
    >
      <div className="flex flex-col gap-1">
        <Label size="small" htmlFor="consent-email">
          Record consent by hand
        </Label>
        <Input
          id="consent-email"
          size="small"
          type="email"
          placeholder="name@example.com"
          aria-invalid={!!error}
          value={form.email}
          onChange={(e) => (setForm({ ...form, email: e.target.value }), setError(null))}
          className="w-[240px]"
        />
      </div>
      <Select size="small" value={form.topic} onValueChange={(topic) => setForm({ ...form, topic })}>
        <Select.Trigger aria-label="Topic" className="w-[190px]">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {["all", ...CONSENT_TOPICS].map((t) => (
            <Select.Item key={t} value={t}>
              {topicLabel(t)}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      <Select size="small" value={form.status} onValueChange={(status) => setForm({ ...form, status })}>
        <Select.Trigger aria-label="Consent" className="w-[140px]">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          <Select.Item value="granted">Granted</Select.Item>
          <Select.Item value="revoked">Revoked</Select.Item>
        </Select.Content>
      </Select>
      <Input size="small" aria-label="Note" placeholder="How it was given (e.g. by phone)" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} className="w-[240px]" />
      <Button size="small" type="submit" disabled={!form.email.trim()} isLoading={record.isPending}>
        Record
      </Button>
      {error && (
        <Text size="small" className="w-full text-ui-fg-error">
          {error}
        </Text>
      )}
    </form>
  )
}

const ConsentLog = () => {
  const list = useListParams("l", "-recorded_at")
  const [search, setSearch] = useSearchBox(list)
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(list.page * PAGE_SIZE) })
  if (list.get("q")) query.set("q", list.get("q"))
  if (list.get("topic")) query.set("topic", list.get("topic"))
  if (list.get("order")) query.set("order", list.get("order"))
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "consent", "log", query.toString()],
    queryFn: () => sdk.client.fetch<{ entries: LogEntry[]; count: number }>(`/admin/retention/consent/log?${query}`),
    placeholderData: keepPreviousData,
  })
  const exportQuery = new URLSearchParams(query)
  exportQuery.delete("limit")
  exportQuery.delete("offset")
  exportQuery.set("format", "csv")
  const topics = ["all", ...CONSENT_TOPICS, ...Object.keys(REASONS).map((r) => `suppression:${r}`)]

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">Consent log</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Every consent change (newest first unless you sort by a column): who, when and how. Entries are never edited or deleted.
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <a href={`/admin/retention/consent/log?${exportQuery}`} download>
            Export CSV
          </a>
        </Button>
      </div>
      <RecordConsent />
      <div className="flex flex-wrap items-center gap-2 px-6 py-4">
        <Input size="small" type="search" placeholder="Search address" className="w-[260px]" value={search} onChange={(e) => setSearch(e.target.value)} />
        <FilterSelect
          label="Topic"
          value={list.get("topic")}
          options={topics.map((t) => ({ value: t, label: topicLabel(t) }))}
          onChange={(topic) => list.update({ topic })}
          className="w-[260px]"
        />
      </div>
      {error ? (
        <Text className="px-6 py-4">Could not load the consent log: {error.message}</Text>
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <SortHeader field="recorded_at" label="When" first="desc" order={list.order} onOrder={list.sortBy} />
                <SortHeader field="email" label="Address" order={list.order} onOrder={list.sortBy} />
                <Table.HeaderCell>Topic</Table.HeaderCell>
                <Table.HeaderCell>Consent</Table.HeaderCell>
                <SortHeader field="source" label="How" order={list.order} onOrder={list.sortBy} />
                <Table.HeaderCell>Note</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data?.entries.map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell className="whitespace-nowrap">{when(e.recorded_at)}</Table.Cell>
                  <Table.Cell className="break-all">{e.email}</Table.Cell>
                  <Table.Cell>{topicLabel(e.topic)}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={e.status === "granted" ? "green" : "orange"}>
                      {e.status === "granted" ? "Granted" : "Revoked"}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>
                    <span title={e.reference ?? undefined}>{SOURCES[e.source] ?? e.source}</span>
                  </Table.Cell>
                  <Table.Cell className="max-w-[260px] truncate" title={e.note ?? undefined}>
                    {e.note ?? "—"}
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
            !data?.entries.length && (
              <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
                No consent changes match.
              </Text>
            )
          )}
          {!!data?.count && <Pagination count={data.count} page={list.page} onPage={(p) => list.update({ page: p ? String(p) : "" })} />}
        </div>
      )}
    </Container>
  )
}

const ConsentPage = () => (
  <div className="flex flex-col gap-y-3">
    <Container className="px-6 py-4">
      <Heading level="h1">Consent</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Who may receive marketing email, and the record of every change. The consent policy, caps and quiet hours are under Settings.
      </Text>
    </Container>
    <Suppressions />
    <ConsentLog />
  </div>
)

export const config = defineRouteConfig({ label: "Consent", rank: 80 })

export default ConsentPage
