import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Drawer, Heading, Input, Label, Select, Switch, Table, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { EmailFrame } from "../../../components/messaging/email-frame"
import { sdk } from "../../../lib/sdk"

type Discount = { type: "percentage" | "fixed"; value: number; currency_code?: string; expires_in_hours: number }
type Step = { delay_hours: number; template: string; subjects: string[]; discount: Discount | null }
type Filters = {
  min_value: Record<string, number>
  region_ids: string[]
  sales_channel_ids: string[]
  customer_group_ids: string[]
  exclude_customer_group_ids: string[]
}
type StepStats = { step: number; variant: number; sends: number; opens: number; clicks: number; recoveries: number; revenue: Record<string, number> }
type Stats = {
  tracked: number
  abandoned: number
  emailed_carts: number
  holdout_carts: number
  sends: number
  opens: number
  clicks: number
  recoveries: number
  revenue: Record<string, number>
  recovery_rate: number | null
  holdout_rate: number | null
  incremental_recovery: number | null
  by_step: StepStats[]
  daily: { day: string; sends: number; recoveries: number }[]
}
type QuietHours = { enabled: boolean; start: string; end: string }
type Campaign = {
  id: string
  name: string
  status: "draft" | "active" | "paused"
  steps: Step[]
  filters: Filters | null
  holdout_percent: number
  attribution_window_days: number
  cap_per_address: number
  cap_window_hours: number
  on_activity: "restart" | "continue"
  max_attempts: number
  on_step_failure: "next_step" | "stop"
  discount_budget: Record<string, number> | null
  // Null: the store-wide quiet hours (Settings → Consent).
  quiet_hours: QuietHours | null
  is_default: boolean
  stats?: Stats
}

// A step's delay as people say it: 36 s, 3 min, 1 h, 1.5 h, 3 d.
const delay = (hours: number) =>
  hours < 1 / 60
    ? `${Math.round(hours * 3600)} s`
    : hours < 1
      ? `${Math.round(hours * 60)} min`
      : hours < 48 || hours % 24
        ? `${Number(hours.toFixed(2))} h`
        : `${hours / 24} d`

const STATUS_COLOR = { active: "green", paused: "orange", draft: "grey" } as const
const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(1)}%`)
const money = (r: Record<string, number> | undefined) =>
  Object.entries(r ?? {})
    .map(([c, v]) => new Intl.NumberFormat(undefined, { style: "currency", currency: c.toUpperCase() }).format(v))
    .join(" · ") || "–"

// "eur:20, usd:25" ⇄ { eur: 20, usd: 25 }
const mapToText = (m: Record<string, number> | null | undefined) =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k}:${v}`)
    .join(", ")
const textToMap = (t: string) =>
  Object.fromEntries(
    t
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [k, v] = p.split(":")
        return [k.trim(), Number(v)]
      })
  )
const list = (t: string) =>
  t
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)

const EMPTY_FILTERS: Filters = { min_value: {}, region_ids: [], sales_channel_ids: [], customer_group_ids: [], exclude_customer_group_ids: [] }
const NEW_CAMPAIGN: Omit<Campaign, "id" | "is_default" | "status"> = {
  name: "New campaign",
  steps: [{ delay_hours: 1, template: "cart-reminder", subjects: [], discount: null }],
  filters: EMPTY_FILTERS,
  holdout_percent: 0,
  attribution_window_days: 7,
  cap_per_address: 1,
  cap_window_hours: 24,
  on_activity: "restart",
  max_attempts: 3,
  on_step_failure: "next_step",
  discount_budget: null,
  quiet_hours: null,
}

const Field = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex flex-col gap-y-1">
    <Label size="small" weight="plus">
      {label}
    </Label>
    {children}
  </div>
)

const Funnel = ({ stats }: { stats: Stats }) => {
  const stages = [
    ["Tracked", stats.tracked],
    ["Abandoned", stats.abandoned],
    ["Emailed", stats.emailed_carts],
    ["Clicked", stats.clicks],
    ["Recovered", stats.recoveries],
  ] as const
  const max = Math.max(1, stats.tracked)
  return (
    <div className="flex flex-col gap-y-2">
      {stages.map(([label, value]) => (
        <div key={label} className="flex items-center gap-x-3">
          <Text size="small" className="w-24">
            {label}
          </Text>
          <div className="h-3 rounded bg-ui-tag-blue-icon" style={{ width: `${Math.max(2, (value / max) * 100)}%`, maxWidth: "70%" }} />
          <Text size="small">{value}</Text>
        </div>
      ))}
      <Text size="small" className="text-ui-fg-subtle">
        Recovery rate {pct(stats.recovery_rate)} · holdout {pct(stats.holdout_rate)} · incremental {pct(stats.incremental_recovery)} · revenue{" "}
        {money(stats.revenue)}
      </Text>
    </div>
  )
}

/** Emails sent (grey) and carts recovered (green) per day, last 30 days. */
const DailyChart = ({ daily }: { daily: Stats["daily"] }) => {
  if (!daily.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No emails in the last 30 days.
      </Text>
    )
  }
  const max = Math.max(1, ...daily.map((d) => d.sends))
  return (
    <div className="flex h-32 items-end gap-x-1" role="img" aria-label="Emails and recoveries per day">
      {daily.map((d) => (
        <div key={d.day} className="flex flex-1 flex-col items-center justify-end gap-y-0.5" title={`${d.day}: ${d.sends} sent, ${d.recoveries} recovered`}>
          <div className="w-full rounded-t bg-ui-tag-green-icon" style={{ height: `${(d.recoveries / max) * 100}px` }} />
          <div className="w-full rounded-t bg-ui-tag-neutral-icon" style={{ height: `${(d.sends / max) * 100}px` }} />
        </div>
      ))}
    </div>
  )
}

const StepEditor = ({
  campaignId,
  step,
  index,
  onChange,
  onRemove,
}: {
  campaignId: string | null
  step: Step
  index: number
  onChange: (s: Step) => void
  onRemove: () => void
}) => {
  const [preview, setPreview] = useState<{ html: string; subject: string } | null>(null)
  // A saved campaign previews the draft step on the most recent real abandoned cart; a new one
  // (or a store without tracked carts) falls back to the template's sample data.
  const showPreview = useMutation({
    mutationFn: async () => {
      if (campaignId) {
        try {
          return await sdk.client.fetch<{ html: string; subject: string }>(`/admin/retention/cart-recovery/campaigns/${campaignId}/preview`, {
            method: "POST",
            body: { step: index + 1, draft: step, locale: "en" },
          })
        } catch {
          // No tracked cart yet: show the sample instead.
        }
      }
      return sdk.client.fetch<{ html: string; subject: string }>(`/admin/retention/templates/${step.template}/preview`, {
        method: "POST",
        body: { locale: "en" },
      })
    },
    onSuccess: (r) => setPreview(r),
    onError: (e: Error) => toast.error(e.message),
  })
  return (
    <div className="flex flex-col gap-y-3 rounded-md border border-ui-border-base p-4">
      <div className="flex items-center justify-between">
        <Heading level="h3">Step {index + 1}</Heading>
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" onClick={() => showPreview.mutate()} isLoading={showPreview.isPending}>
            Preview
          </Button>
          <Button size="small" variant="danger" onClick={onRemove}>
            Remove
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Delay after the cart went quiet (hours)">
          <Input type="number" value={step.delay_hours} onChange={(e) => onChange({ ...step, delay_hours: Number(e.target.value) })} />
        </Field>
        <Field label="Template">
          <Input value={step.template} onChange={(e) => onChange({ ...step, template: e.target.value })} />
        </Field>
      </div>
      <Field label="Subject variants (one per line, A/B split; {{customerName}}, {{storeName}})">
        <Textarea
          value={step.subjects.join("\n")}
          onChange={(e) => onChange({ ...step, subjects: e.target.value.split("\n").filter((s) => s.trim()) })}
        />
      </Field>
      <div className="flex items-center gap-x-2">
        <Switch
          checked={!!step.discount}
          onCheckedChange={(on) => onChange({ ...step, discount: on ? { type: "percentage", value: 10, expires_in_hours: 72 } : null })}
        />
        <Label size="small">One-off discount code</Label>
      </div>
      {step.discount && (
        <div className="grid grid-cols-3 gap-3">
          <Field label="Type">
            <Select
              value={step.discount.type}
              onValueChange={(v) => onChange({ ...step, discount: { ...step.discount!, type: v as Discount["type"] } })}
            >
              <Select.Trigger>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="percentage">Percentage</Select.Item>
                <Select.Item value="fixed">Fixed amount</Select.Item>
              </Select.Content>
            </Select>
          </Field>
          <Field label={step.discount.type === "fixed" ? "Amount" : "Percent"}>
            <Input type="number" value={step.discount.value} onChange={(e) => onChange({ ...step, discount: { ...step.discount!, value: Number(e.target.value) } })} />
          </Field>
          {step.discount.type === "fixed" && (
            <Field label="Currency (carts in others get no code)">
              <Input
                placeholder="eur"
                maxLength={3}
                value={step.discount.currency_code ?? ""}
                onChange={(e) => onChange({ ...step, discount: { ...step.discount!, currency_code: e.target.value.toLowerCase() } })}
              />
            </Field>
          )}
          <Field label="Expires after (hours)">
            <Input
              type="number"
              value={step.discount.expires_in_hours}
              onChange={(e) => onChange({ ...step, discount: { ...step.discount!, expires_in_hours: Number(e.target.value) } })}
            />
          </Field>
        </div>
      )}
      {preview && (
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            Subject: {preview.subject}
          </Text>
          <EmailFrame html={preview.html} title={`Step ${index + 1} preview`} />
        </div>
      )}
    </div>
  )
}

const CampaignEditor = ({ campaign, onClose }: { campaign: Campaign | "new"; onClose: () => void }) => {
  const queryClient = useQueryClient()
  const initial = campaign === "new" ? NEW_CAMPAIGN : campaign
  const [draft, setDraft] = useState({ ...initial, filters: initial.filters ?? EMPTY_FILTERS })
  const [budget, setBudget] = useState(mapToText(initial.discount_budget))
  const [minValue, setMinValue] = useState(mapToText(initial.filters?.min_value))
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }))
  const setFilters = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, filters: { ...d.filters, ...patch } }))

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name,
        steps: draft.steps,
        filters: { ...draft.filters, min_value: textToMap(minValue) },
        holdout_percent: draft.holdout_percent,
        attribution_window_days: draft.attribution_window_days,
        cap_per_address: draft.cap_per_address,
        cap_window_hours: draft.cap_window_hours,
        on_activity: draft.on_activity,
        max_attempts: draft.max_attempts,
        on_step_failure: draft.on_step_failure,
        discount_budget: budget.trim() ? textToMap(budget) : null,
        quiet_hours: draft.quiet_hours,
      }
      const url = campaign === "new" ? "/admin/retention/cart-recovery/campaigns" : `/admin/retention/cart-recovery/campaigns/${campaign.id}`
      return sdk.client.fetch(url, { method: "POST", body })
    },
    onSuccess: () => {
      toast.success("Campaign saved")
      queryClient.invalidateQueries({ queryKey: ["retention", "cart-recovery"] })
      onClose()
    },
    // The API names every offending field (e.g. "steps.1.delay_hours: …").
    onError: (e: Error) => toast.error(`Not saved: ${e.message}`),
  })

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content className="max-w-3xl">
        <Drawer.Header>
          <Drawer.Title>{campaign === "new" ? "New campaign" : `Edit ${draft.name}`}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <Field label="Name">
            <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
          </Field>
          {draft.steps.map((step, i) => (
            <StepEditor
              campaignId={campaign === "new" ? null : campaign.id}
              key={i}
              step={step}
              index={i}
              onChange={(s) => set({ steps: draft.steps.map((x, j) => (j === i ? s : x)) })}
              onRemove={() => set({ steps: draft.steps.filter((_, j) => j !== i) })}
            />
          ))}
          <Button
            variant="secondary"
            size="small"
            onClick={() =>
              set({
                steps: [
                  ...draft.steps,
                  { delay_hours: (draft.steps[draft.steps.length - 1]?.delay_hours ?? 0) + 24, template: "cart-reminder", subjects: [], discount: null },
                ],
              })
            }
          >
            Add step
          </Button>
          <Heading level="h3">Audience</Heading>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Minimum cart value (eur:20, usd:25)">
              <Input value={minValue} onChange={(e) => setMinValue(e.target.value)} />
            </Field>
            <Field label="Regions (ids, comma-separated)">
              <Input value={draft.filters.region_ids.join(", ")} onChange={(e) => setFilters({ region_ids: list(e.target.value) })} />
            </Field>
            <Field label="Sales channels (ids)">
              <Input value={draft.filters.sales_channel_ids.join(", ")} onChange={(e) => setFilters({ sales_channel_ids: list(e.target.value) })} />
            </Field>
            <Field label="Only customer groups (ids)">
              <Input value={draft.filters.customer_group_ids.join(", ")} onChange={(e) => setFilters({ customer_group_ids: list(e.target.value) })} />
            </Field>
            <Field label="Exclude customer groups (ids)">
              <Input
                value={draft.filters.exclude_customer_group_ids.join(", ")}
                onChange={(e) => setFilters({ exclude_customer_group_ids: list(e.target.value) })}
              />
            </Field>
          </div>
          <Heading level="h3">Rules</Heading>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Holdout (% of carts that get no email)">
              <Input type="number" value={draft.holdout_percent} onChange={(e) => set({ holdout_percent: Number(e.target.value) })} />
            </Field>
            <Field label="Attribution window (days)">
              <Input type="number" value={draft.attribution_window_days} onChange={(e) => set({ attribution_window_days: Number(e.target.value) })} />
            </Field>
            <Field label="Emails per address">
              <Input type="number" value={draft.cap_per_address} onChange={(e) => set({ cap_per_address: Number(e.target.value) })} />
            </Field>
            <Field label="…per hours">
              <Input type="number" value={draft.cap_window_hours} onChange={(e) => set({ cap_window_hours: Number(e.target.value) })} />
            </Field>
            <Field label="Discount budget (eur:500, usd:500)">
              <Input value={budget} onChange={(e) => setBudget(e.target.value)} />
            </Field>
            <Field label="Activity after an email">
              <Select value={draft.on_activity} onValueChange={(v) => set({ on_activity: v as Campaign["on_activity"] })}>
                <Select.Trigger>
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="restart">Restart the clock</Select.Item>
                  <Select.Item value="continue">Keep the schedule</Select.Item>
                </Select.Content>
              </Select>
            </Field>
          </div>
          <div className="grid grid-cols-2 gap-3">
            {/* Provider outages do not use these up: they follow the messaging retry policy (24 h). */}
            <Field label="Tries per step when a run gets no send result (outages retry for 24 h)">
              <Input type="number" value={draft.max_attempts} onChange={(e) => set({ max_attempts: Number(e.target.value) })} />
            </Field>
            <Field label="After a failed step">
              <Select value={draft.on_step_failure} onValueChange={(v) => set({ on_step_failure: v as Campaign["on_step_failure"] })}>
                <Select.Trigger>
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="next_step">Go on with the next step</Select.Item>
                  <Select.Item value="stop">Stop the sequence</Select.Item>
                </Select.Content>
              </Select>
            </Field>
          </div>
          <Heading level="h3">Quiet hours</Heading>
          <div className="grid grid-cols-3 gap-3">
            <Field label="This campaign sends">
              <Select
                value={!draft.quiet_hours ? "store" : draft.quiet_hours.enabled ? "own" : "any"}
                onValueChange={(v) =>
                  set({
                    quiet_hours:
                      v === "store"
                        ? null
                        : { start: draft.quiet_hours?.start ?? "21:00", end: draft.quiet_hours?.end ?? "08:00", enabled: v === "own" },
                  })
                }
              >
                <Select.Trigger>
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="store">Outside the store-wide quiet hours</Select.Item>
                  <Select.Item value="own">Outside its own quiet hours</Select.Item>
                  <Select.Item value="any">At any hour</Select.Item>
                </Select.Content>
              </Select>
            </Field>
            {draft.quiet_hours?.enabled && (
              <>
                <Field label="Quiet from (recipient's time)">
                  <Input
                    type="time"
                    value={draft.quiet_hours.start}
                    onChange={(e) => set({ quiet_hours: { ...draft.quiet_hours!, start: e.target.value } })}
                  />
                </Field>
                <Field label="Quiet until">
                  <Input
                    type="time"
                    value={draft.quiet_hours.end}
                    onChange={(e) => set({ quiet_hours: { ...draft.quiet_hours!, end: e.target.value } })}
                  />
                </Field>
              </>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Quiet hours are in the recipient&apos;s time zone (their address country, else the store&apos;s). The
            store-wide quiet hours and the daily/weekly marketing caps are in Retention → Settings; the caps always
            apply on top.
          </Text>
        </Drawer.Body>
        <Drawer.Footer>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} isLoading={save.isPending}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

const CampaignsPage = () => {
  const queryClient = useQueryClient()
  const [editing, setEditing] = useState<Campaign | "new" | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const { data, isLoading } = useQuery({
    queryKey: ["retention", "cart-recovery", "campaigns"],
    queryFn: () => sdk.client.fetch<{ campaigns: Campaign[] }>("/admin/retention/cart-recovery/campaigns"),
  })
  const toggle = useMutation({
    mutationFn: (c: Campaign) =>
      sdk.client.fetch(`/admin/retention/cart-recovery/campaigns/${c.id}/${c.status === "active" ? "pause" : "activate"}`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["retention", "cart-recovery"] }),
    onError: (e: Error) => toast.error(e.message),
  })
  const campaigns = data?.campaigns ?? []
  const current = campaigns.find((c) => c.id === selected) ?? campaigns[0]

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Abandoned-cart campaigns</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Sequences sent to carts with an email that went quiet; attributed revenue and the lift over the holdout group.
            </Text>
          </div>
          <Button size="small" onClick={() => setEditing("new")}>
            New campaign
          </Button>
        </div>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Steps</Table.HeaderCell>
              <Table.HeaderCell>Sends</Table.HeaderCell>
              <Table.HeaderCell>Opens</Table.HeaderCell>
              <Table.HeaderCell>Clicks</Table.HeaderCell>
              <Table.HeaderCell>Recovered</Table.HeaderCell>
              <Table.HeaderCell>Revenue</Table.HeaderCell>
              <Table.HeaderCell>Incremental</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {isLoading && (
              <Table.Row>
                <Table.Cell>Loading…</Table.Cell>
              </Table.Row>
            )}
            {campaigns.map((c) => (
              <Table.Row key={c.id} className="cursor-pointer" onClick={() => setSelected(c.id)}>
                <Table.Cell>{c.name}</Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={STATUS_COLOR[c.status]}>
                    {c.status}
                  </Badge>
                </Table.Cell>
                <Table.Cell>{c.steps.map((s) => `${delay(s.delay_hours)}${s.discount ? " %" : ""}`).join(" → ")}</Table.Cell>
                <Table.Cell>{c.stats?.sends ?? 0}</Table.Cell>
                <Table.Cell>{c.stats?.opens ?? 0}</Table.Cell>
                <Table.Cell>{c.stats?.clicks ?? 0}</Table.Cell>
                <Table.Cell>{c.stats?.recoveries ?? 0}</Table.Cell>
                <Table.Cell>{money(c.stats?.revenue)}</Table.Cell>
                <Table.Cell>{pct(c.stats?.incremental_recovery)}</Table.Cell>
                <Table.Cell>
                  <div className="flex gap-x-2" onClick={(e) => e.stopPropagation()}>
                    <Button size="small" variant="secondary" onClick={() => setEditing(c)}>
                      Edit
                    </Button>
                    <Button size="small" variant="secondary" onClick={() => toggle.mutate(c)}>
                      {c.status === "active" ? "Pause" : "Activate"}
                    </Button>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
      {current?.stats && (
        <Container className="flex flex-col gap-y-4 px-6 py-4">
          <Heading level="h2">{current.name}: funnel</Heading>
          <Funnel stats={current.stats} />
          <DailyChart daily={current.stats.daily ?? []} />
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Step</Table.HeaderCell>
                <Table.HeaderCell>Subject variant</Table.HeaderCell>
                <Table.HeaderCell>Sends</Table.HeaderCell>
                <Table.HeaderCell>Opens</Table.HeaderCell>
                <Table.HeaderCell>Clicks</Table.HeaderCell>
                <Table.HeaderCell>Recovered</Table.HeaderCell>
                <Table.HeaderCell>Revenue</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {current.stats.by_step.map((r) => (
                <Table.Row key={`${r.step}:${r.variant}`}>
                  <Table.Cell>{r.step}</Table.Cell>
                  <Table.Cell>{current.steps[r.step - 1]?.subjects[r.variant] ?? (r.variant === 0 ? "Template subject" : `#${r.variant + 1}`)}</Table.Cell>
                  <Table.Cell>{r.sends}</Table.Cell>
                  <Table.Cell>{r.opens}</Table.Cell>
                  <Table.Cell>{r.clicks}</Table.Cell>
                  <Table.Cell>{r.recoveries}</Table.Cell>
                  <Table.Cell>{money(r.revenue)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Container>
      )}
      {editing && <CampaignEditor key={editing === "new" ? "new" : editing.id} campaign={editing} onClose={() => setEditing(null)} />}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Campaigns" })

export default CampaignsPage
