// The cart-recovery campaign's parts shared by the list (Retention → Campaigns) and a
// campaign's own page: its shapes as the admin API sends them, the funnel, the daily chart,
// what is held back, and the editor drawer.
import { Badge, Button, Container, Drawer, Heading, Input, Label, Select, Switch, Table, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { cloneElement, isValidElement, useId, useMemo, useState } from "react"
import { DailyBars, fillDays } from "../charts/daily-bars"
import { ResourcePicker } from "../resource-picker"
import { StepPreviewPanel, useStepPreview } from "./step-preview"
import { campaignField } from "../../lib/campaign-fields"
import { formatCodeMap, NumberRule, parseCodeMap, parseDecimal, parseNumberField, splitFieldErrors } from "../../lib/number-input"
import { describeReason, type TemplateSummary } from "../../lib/messaging"
import { sdk } from "../../lib/sdk"
import { formatMoney } from "../../lib/analytics"
import { useSendLimits } from "../../lib/use-send-limits"
import { SEGMENT_RULES } from "../../../modules/customer-segments/rules"

export type Discount = { type: "percentage" | "fixed"; value: number; currency_code?: string; expires_in_hours: number }
export type Step = { delay_hours: number; template: string; subjects: string[]; discount: Discount | null }
type Filters = {
  min_value: Record<string, number>
  region_ids: string[]
  sales_channel_ids: string[]
  customer_group_ids: string[]
  exclude_customer_group_ids: string[]
  // RFM segment keys (Retention → Customers); campaigns saved before segments have none.
  segments?: string[]
}
type StepStats = { step: number; variant: number; sends: number; opens: number; clicks: number; recoveries: number; revenue: Record<string, number> }
export type Stats = {
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
  held_back?: HeldBack[]
}
export type HeldBack = { step: number; status: "deferred" | "skipped"; reason: string; count: number; next_at: string | null }
type QuietHours = { enabled: boolean; start: string; end: string }
export type Campaign = {
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
  // Lower first: a fresh cart joins the first active campaign whose audience it matches.
  priority: number
  stats?: Stats
}

/** Two audiences a cart could match at once: every dimension either unrestricted or sharing a value. */
export function audiencesOverlap(a: Filters | null, b: Filters | null): boolean {
  const share = (x: string[] = [], y: string[] = []) => !x.length || !y.length || x.some((v) => y.includes(v))
  return (
    share(a?.region_ids, b?.region_ids) &&
    share(a?.sales_channel_ids, b?.sales_channel_ids) &&
    share(a?.customer_group_ids, b?.customer_group_ids) &&
    share(a?.segments, b?.segments)
  )
}

// A step's delay as people say it: 36 s, 3 min, 1 h, 1.5 h, 3 d.
export const delay = (hours: number) =>
  hours < 1 / 60
    ? `${Math.round(hours * 3600)} s`
    : hours < 1
      ? `${Math.round(hours * 60)} min`
      : hours < 48 || hours % 24
        ? `${Number(hours.toFixed(2))} h`
        : `${hours / 24} d`

export const STATUS_COLOR = { active: "green", paused: "orange", draft: "grey" } as const
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(1)}%`)
export const money = (r: Record<string, number> | undefined) =>
  Object.entries(r ?? {})
    .map(([c, v]) => formatMoney(v, c))
    .join(" · ") || "–"


const EMPTY_FILTERS: Filters = { min_value: {}, region_ids: [], sales_channel_ids: [], customer_group_ids: [], exclude_customer_group_ids: [], segments: [] }
const NEW_CAMPAIGN: Omit<Campaign, "id" | "is_default" | "status" | "priority"> = {
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

export const Funnel = ({ stats }: { stats: Stats }) => {
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
          <Text size="small" className="w-24 shrink-0">
            {label}
          </Text>
          {/* A zero is drawn as nothing, not as a stub of a bar. */}
          <div className="flex flex-1 items-center gap-x-3">
            {value > 0 && <div className="h-3 rounded bg-ui-tag-blue-icon" style={{ width: `${(value / max) * 80}%`, minWidth: 4 }} />}
            <Text size="small">{value}</Text>
          </div>
        </div>
      ))}
      <Text size="small" className="text-ui-fg-subtle">
        Recovery rate {pct(stats.recovery_rate)} · holdout {pct(stats.holdout_rate)} · incremental {pct(stats.incremental_recovery)} · revenue{" "}
        {money(stats.revenue)}
      </Text>
    </div>
  )
}

/** Emails sent and carts recovered per day, the last 30 days. */
export const DailyChart = ({ daily }: { daily: Stats["daily"] }) => (
  <DailyBars
    points={fillDays(daily, ["sends", "recoveries"])}
    series={[
      { key: "sends", label: "Sent", color: "var(--tag-neutral-icon, #71717a)" },
      { key: "recoveries", label: "Recovered", color: "var(--tag-green-icon, #10b981)" },
    ]}
    empty="No emails in the last 30 days."
    label="Emails sent and carts recovered per day, last 30 days"
  />
)

// The editor keeps number fields as typed (clearing one must not turn it into 0, a "-" must
// not vanish) and parses them on save; subjects stay text so a new line can be typed.
type DiscountDraft = { type: Discount["type"]; value: string; currency_code?: string; expires_in_hours: string }
type StepDraft = { delay_hours: string; template: string; subjects: string; discount: DiscountDraft | null }
type RuleField = "holdout_percent" | "attribution_window_days" | "cap_per_address" | "cap_window_hours" | "max_attempts"
// Error messages by the API's field path ("steps.0.template"), shown under that field.
type Errors = Record<string, string>

// The server's limits (campaign-config.ts), checked here first so the merchant sees them at the field.
const STEP_RULES = {
  delay_hours: { min: 0, max: 24 * 60 },
  "discount.value": { min: 0.01 },
  "discount.expires_in_hours": { min: 1, max: 24 * 90, integer: true },
} satisfies Record<string, NumberRule>
const RULES: Record<RuleField, NumberRule> = {
  holdout_percent: { min: 0, max: 50 },
  attribution_window_days: { min: 1, max: 30, integer: true },
  cap_per_address: { min: 1, max: 20, integer: true },
  cap_window_hours: { min: 1, max: 24 * 30, integer: true },
  max_attempts: { min: 1, max: 10, integer: true },
}

const toStepDraft = (s: Step): StepDraft => ({
  delay_hours: String(s.delay_hours),
  template: s.template,
  subjects: s.subjects.join("\n"),
  discount: s.discount ? { ...s.discount, value: String(s.discount.value), expires_in_hours: String(s.discount.expires_in_hours) } : null,
})

/** A number field's value, or 0 with its message added to `errors` (the save is then refused). */
const numberAt = (errors: Errors, key: string, text: string, rule: NumberRule) => {
  const parsed = parseNumberField(text, rule)
  if (parsed.ok) return parsed.value
  errors[key] = parsed.error
  return 0
}

function parseStep(d: StepDraft, index: number, errors: Errors): Step {
  const at = (field: keyof typeof STEP_RULES, text: string) => numberAt(errors, `steps.${index}.${field}`, text, STEP_RULES[field])
  return {
    delay_hours: at("delay_hours", d.delay_hours),
    template: d.template.trim(),
    subjects: d.subjects.split("\n").map((s) => s.trim()).filter(Boolean),
    discount: d.discount && {
      type: d.discount.type,
      value: at("discount.value", d.discount.value),
      ...(d.discount.type === "fixed" ? { currency_code: d.discount.currency_code } : {}),
      expires_in_hours: at("discount.expires_in_hours", d.discount.expires_in_hours),
    },
  }
}

/** "Step 1 · Template: must be …" for the summary beside Save. */
const describeErrors = (errors: Errors) => Object.entries(errors).map(([path, message]) => `${campaignField(path)?.label ?? path}: ${message}`)

/** The cart-recovery templates (built-in and the store's own overrides of them), chosen by name. */
const TemplateSelect = ({ id, value, onChange, invalid }: { id?: string; value: string; onChange: (name: string) => void; invalid?: boolean }) => {
  const { data } = useQuery({
    queryKey: ["retention", "templates"],
    queryFn: () => sdk.client.fetch<{ templates: TemplateSummary[] }>("/admin/retention/templates"),
  })
  const names = (data?.templates ?? []).filter((t) => t.topic === "cart_recovery").map((t) => t.name)
  // A name the list does not have (yet) stays choosable, so loading never blanks the field.
  const options = names.includes(value) || !value ? names : [value, ...names]
  return (
    <Select value={value} onValueChange={onChange}>
      <Select.Trigger id={id} aria-invalid={invalid} aria-label="Template">
        <Select.Value placeholder="Choose a template" />
      </Select.Trigger>
      <Select.Content>
        {options.map((name) => (
          <Select.Item key={name} value={name}>
            {name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

// The label names its control (screen readers, a click on the label focuses the field): the one
// child element gets the label's id unless it has its own.
const Field = ({ label, error, children }: { label: string; error?: string; children: React.ReactNode }) => {
  const generated = useId()
  const child = isValidElement<{ id?: string }>(children) ? children : null
  const id = child?.props.id ?? generated
  return (
    <div className="flex flex-col gap-y-1">
      <Label size="small" weight="plus" htmlFor={child ? id : undefined}>
        {label}
      </Label>
      {child ? cloneElement(child, { id }) : children}
      {error && (
        <Text size="xsmall" className="text-ui-fg-error">
          {error}
        </Text>
      )}
    </div>
  )
}

const StepEditor = ({
  campaignId,
  step,
  index,
  errors,
  onChange,
  onRemove,
  parse,
}: {
  campaignId: string | null
  step: StepDraft
  index: number
  errors: Errors
  onChange: (s: StepDraft, field: string) => void
  onRemove: () => void
  // The step as the API takes it, or null after showing what is wrong at the fields.
  parse: () => Step | null
}) => {
  const error = (field: string) => errors[`steps.${index}.${field}`]
  const discount = step.discount
  const setDiscount = (patch: Partial<DiscountDraft>, field: string) => discount && onChange({ ...step, discount: { ...discount, ...patch } }, field)
  const preview = useStepPreview({ campaignId, index })
  // The preview follows the draft as edited; while a field is invalid it keeps the last valid one.
  const valid = useMemo(() => {
    const found: Errors = {}
    const parsed = parseStep(step, index, found)
    return Object.keys(found).length || !parsed.template ? null : parsed
  }, [step, index])
  const togglePreview = () => {
    if (preview.open) return preview.setOpen(false)
    // Puts what is wrong at its field before showing anything.
    if (parse()) preview.setOpen(true)
  }
  const sendTest = () => {
    const draft = parse()
    if (!draft) return
    preview.setOpen(true)
    preview.sendTest.mutate(draft)
  }
  return (
    <div className="flex flex-col gap-y-3 rounded-md border border-ui-border-base p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading level="h3">Step {index + 1}</Heading>
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" onClick={togglePreview} aria-expanded={preview.open}>
            {preview.open ? "Hide preview" : "Preview"}
          </Button>
          <Button size="small" variant="secondary" onClick={sendTest} isLoading={preview.sendTest.isPending}>
            Send test
          </Button>
          <Button size="small" variant="danger" onClick={onRemove}>
            Remove
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Delay after the cart went quiet (hours)" error={error("delay_hours")}>
          <Input
            inputMode="decimal"
            aria-invalid={!!error("delay_hours")}
            value={step.delay_hours}
            onChange={(e) => onChange({ ...step, delay_hours: e.target.value }, "delay_hours")}
          />
        </Field>
        <Field label="Template" error={error("template")}>
          <TemplateSelect invalid={!!error("template")} value={step.template} onChange={(template) => onChange({ ...step, template }, "template")} />
        </Field>
      </div>
      <Field label="Subject variants (one per line, A/B split; {{customerName}}, {{storeName}})" error={error("subjects")}>
        <Textarea aria-invalid={!!error("subjects")} value={step.subjects} onChange={(e) => onChange({ ...step, subjects: e.target.value }, "subjects")} />
      </Field>
      <div className="flex items-center gap-x-2">
        <Switch
          checked={!!discount}
          onCheckedChange={(on) => onChange({ ...step, discount: on ? { type: "percentage", value: "10", expires_in_hours: "72" } : null }, "discount")}
        />
        <Label size="small">One-off discount code</Label>
      </div>
      {discount && (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <Field label="Type" error={error("discount.type")}>
            <Select value={discount.type} onValueChange={(v) => setDiscount({ type: v as Discount["type"] }, "discount.type")}>
              <Select.Trigger>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="percentage">Percentage</Select.Item>
                <Select.Item value="fixed">Fixed amount</Select.Item>
              </Select.Content>
            </Select>
          </Field>
          <Field label={discount.type === "fixed" ? "Amount" : "Percent"} error={error("discount.value")}>
            <Input
              inputMode="decimal"
              aria-invalid={!!error("discount.value")}
              value={discount.value}
              onChange={(e) => setDiscount({ value: e.target.value }, "discount.value")}
            />
          </Field>
          {discount.type === "fixed" && (
            <Field label="Currency (carts in others get no code)" error={error("discount.currency_code")}>
              <Input
                placeholder="eur"
                maxLength={3}
                aria-invalid={!!error("discount.currency_code")}
                value={discount.currency_code ?? ""}
                onChange={(e) => setDiscount({ currency_code: e.target.value.toLowerCase() }, "discount.currency_code")}
              />
            </Field>
          )}
          <Field label="Expires after (hours)" error={error("discount.expires_in_hours")}>
            <Input
              inputMode="numeric"
              aria-invalid={!!error("discount.expires_in_hours")}
              value={discount.expires_in_hours}
              onChange={(e) => setDiscount({ expires_in_hours: e.target.value }, "discount.expires_in_hours")}
            />
          </Field>
        </div>
      )}
      {preview.open && <StepPreviewPanel state={preview} draft={valid} />}
    </div>
  )
}

export const CampaignEditor = ({ campaign, onClose }: { campaign: Campaign | "new"; onClose: () => void }) => {
  const queryClient = useQueryClient()
  const initial = campaign === "new" ? NEW_CAMPAIGN : campaign
  const [draft, setDraft] = useState({ ...initial, filters: initial.filters ?? EMPTY_FILTERS })
  const [steps, setSteps] = useState(() => initial.steps.map(toStepDraft))
  const [numbers, setNumbers] = useState<Record<RuleField, string>>(() => ({
    holdout_percent: String(initial.holdout_percent),
    attribution_window_days: String(initial.attribution_window_days),
    cap_per_address: String(initial.cap_per_address),
    cap_window_hours: String(initial.cap_window_hours),
    max_attempts: String(initial.max_attempts),
  }))
  const [budget, setBudget] = useState(formatCodeMap(initial.discount_budget, ":"))
  const [minValue, setMinValue] = useState(formatCodeMap(initial.filters?.min_value, ":"))
  const [errors, setErrors] = useState<Errors>({})
  // Messages the API sent for no field of this form (shown beside Save as they came).
  const [otherErrors, setOtherErrors] = useState<string[]>([])
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }))
  const setFilters = (patch: Partial<Filters>) => setDraft((d) => ({ ...d, filters: { ...d.filters, ...patch } }))
  // Editing a field takes its message away; the next save checks it again.
  const clearError = (key: string) =>
    setErrors((e) => {
      if (!(key in e)) return e
      const { [key]: _cleared, ...rest } = e
      return rest
    })
  const setNumber = (field: RuleField, text: string) => {
    setNumbers((n) => ({ ...n, [field]: text }))
    clearError(field)
  }
  // Steps shift when one is added or removed: messages by step number would point at the wrong one.
  const replaceSteps = (next: StepDraft[]) => {
    setSteps(next)
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("steps"))))
  }

  /** The campaign as the API takes it, or null after putting every problem at its field. */
  const parse = () => {
    const found: Errors = {}
    const parsedSteps = steps.map((s, i) => parseStep(s, i, found))
    const rules = Object.fromEntries(
      (Object.keys(RULES) as RuleField[]).map((f) => [f, numberAt(found, f, numbers[f], RULES[f])])
    ) as Record<RuleField, number>
    const min = parseCodeMap(minValue, ":")
    if (!min.ok) found["filters.min_value"] = min.error
    const money = budget.trim() ? parseCodeMap(budget, ":") : null
    if (money && !money.ok) found.discount_budget = money.error
    setErrors(found)
    setOtherErrors([])
    if (Object.keys(found).length) return null
    return {
      body: {
        name: draft.name,
        steps: parsedSteps,
        filters: { ...draft.filters, min_value: min.ok ? min.value : {} },
        ...rules,
        on_activity: draft.on_activity,
        on_step_failure: draft.on_step_failure,
        discount_budget: money?.ok ? money.value : null,
        quiet_hours: draft.quiet_hours,
      },
      steps: parsedSteps,
    }
  }

  const save = useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof parse>>["body"]) => {
      const url = campaign === "new" ? "/admin/retention/cart-recovery/campaigns" : `/admin/retention/cart-recovery/campaigns/${campaign.id}`
      return sdk.client.fetch(url, { method: "POST", body })
    },
    onSuccess: () => {
      toast.success("Campaign saved")
      queryClient.invalidateQueries({ queryKey: ["retention", "cart-recovery"] })
      onClose()
    },
    // The API names every offending field by its path ("steps.0.template: …"): each message goes
    // under its field, and the summary names it as the merchant sees it ("Step 1 · Template").
    onError: (e: Error) => {
      const found: Errors = {}
      const other: string[] = []
      for (const { path, message } of splitFieldErrors(e.message)) {
        const field = campaignField(path)
        if (field) found[field.key] = found[field.key] ? `${found[field.key]}; ${message}` : message
        else other.push(path ? `${path}: ${message}` : message)
      }
      setErrors(found)
      setOtherErrors(other)
    },
  })
  const submit = () => {
    const parsed = parse()
    if (parsed) save.mutate(parsed.body)
  }
  const summary = [...describeErrors(errors), ...otherErrors]

  return (
    <Drawer open onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content className="max-w-3xl">
        <Drawer.Header>
          <Drawer.Title>{campaign === "new" ? "New campaign" : `Edit ${draft.name}`}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
          <Field label="Name" error={errors.name}>
            <Input aria-invalid={!!errors.name} value={draft.name} onChange={(e) => (set({ name: e.target.value }), clearError("name"))} />
          </Field>
          {steps.map((step, i) => (
            <StepEditor
              campaignId={campaign === "new" ? null : campaign.id}
              key={i}
              step={step}
              index={i}
              errors={errors}
              onChange={(s, field) => {
                setSteps((all) => all.map((x, j) => (j === i ? s : x)))
                clearError(`steps.${i}.${field}`)
              }}
              onRemove={() => replaceSteps(steps.filter((_, j) => j !== i))}
              parse={() => {
                const found: Errors = {}
                const step = parseStep(steps[i], i, found)
                setErrors((e) => ({ ...e, ...found }))
                return Object.keys(found).length ? null : step
              }}
            />
          ))}
          {errors.steps && (
            <Text size="small" className="text-ui-fg-error">
              {errors.steps}
            </Text>
          )}
          {/* shrink-0: in the scrolling column a button would otherwise be squashed to a sliver. */}
          <Button
            variant="secondary"
            size="small"
            className="shrink-0 self-start"
            onClick={() => {
              const last = parseDecimal(steps[steps.length - 1]?.delay_hours ?? "")
              replaceSteps([
                ...steps,
                { delay_hours: String((last !== null && !Number.isNaN(last) ? last : 0) + 24), template: "cart-reminder", subjects: "", discount: null },
              ])
            }}
          >
            Add step
          </Button>
          <Heading level="h3">Audience</Heading>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Minimum cart value (eur:20, usd:25)" error={errors["filters.min_value"]}>
              <Input
                aria-invalid={!!errors["filters.min_value"]}
                value={minValue}
                onChange={(e) => (setMinValue(e.target.value), clearError("filters.min_value"))}
              />
            </Field>
            <Field label="Regions" error={errors["filters.region_ids"]}>
              <ResourcePicker
                resource="regions"
                label="Regions"
                invalid={!!errors["filters.region_ids"]}
                value={draft.filters.region_ids}
                onChange={(region_ids) => (setFilters({ region_ids }), clearError("filters.region_ids"))}
              />
            </Field>
            <Field label="Sales channels" error={errors["filters.sales_channel_ids"]}>
              <ResourcePicker
                resource="sales-channels"
                label="Sales channels"
                invalid={!!errors["filters.sales_channel_ids"]}
                value={draft.filters.sales_channel_ids}
                onChange={(sales_channel_ids) => (setFilters({ sales_channel_ids }), clearError("filters.sales_channel_ids"))}
              />
            </Field>
            <Field label="Only customer groups" error={errors["filters.customer_group_ids"]}>
              <ResourcePicker
                resource="customer-groups"
                label="Customer groups"
                invalid={!!errors["filters.customer_group_ids"]}
                value={draft.filters.customer_group_ids}
                onChange={(customer_group_ids) => (setFilters({ customer_group_ids }), clearError("filters.customer_group_ids"))}
              />
            </Field>
            <Field label="Exclude customer groups" error={errors["filters.exclude_customer_group_ids"]}>
              <ResourcePicker
                resource="customer-groups"
                label="Customer groups"
                invalid={!!errors["filters.exclude_customer_group_ids"]}
                value={draft.filters.exclude_customer_group_ids}
                onChange={(exclude_customer_group_ids) => (setFilters({ exclude_customer_group_ids }), clearError("filters.exclude_customer_group_ids"))}
              />
            </Field>
            <Field label="Only RFM segments (the customer's, in the cart's currency)" error={errors["filters.segments"]}>
              <div className="flex flex-wrap gap-2">
                {SEGMENT_RULES.map((rule) => {
                  const chosen = draft.filters.segments ?? []
                  const on = chosen.includes(rule.segment)
                  return (
                    <Button
                      key={rule.segment}
                      type="button"
                      size="small"
                      variant={on ? "primary" : "secondary"}
                      title={rule.rule}
                      aria-pressed={on}
                      onClick={() => (
                        setFilters({ segments: on ? chosen.filter((s) => s !== rule.segment) : [...chosen, rule.segment] }),
                        clearError("filters.segments")
                      )}
                    >
                      {rule.label}
                    </Button>
                  )
                })}
              </div>
            </Field>
          </div>
          <Heading level="h3">Rules</Heading>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {(
              [
                ["holdout_percent", "Holdout (% of carts that get no email)"],
                ["attribution_window_days", "Attribution window (days)"],
                ["cap_per_address", "Emails per address"],
                ["cap_window_hours", "…per hours"],
              ] as const
            ).map(([field, label]) => (
              <Field key={field} label={label} error={errors[field]}>
                <Input
                  inputMode={RULES[field].integer ? "numeric" : "decimal"}
                  aria-invalid={!!errors[field]}
                  value={numbers[field]}
                  onChange={(e) => setNumber(field, e.target.value)}
                />
              </Field>
            ))}
            <Field label="Discount budget (eur:500, usd:500)" error={errors.discount_budget}>
              <Input aria-invalid={!!errors.discount_budget} value={budget} onChange={(e) => (setBudget(e.target.value), clearError("discount_budget"))} />
            </Field>
            <Field label="Activity after an email" error={errors.on_activity}>
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
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {/* Provider outages do not use these up: they follow the messaging retry policy (24 h). */}
            <Field label="Tries per step when a run gets no send result (outages retry for 24 h)" error={errors.max_attempts}>
              <Input
                inputMode="numeric"
                aria-invalid={!!errors.max_attempts}
                value={numbers.max_attempts}
                onChange={(e) => setNumber("max_attempts", e.target.value)}
              />
            </Field>
            <Field label="After a failed step" error={errors.on_step_failure}>
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
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <Field label="This campaign sends" error={errors.quiet_hours}>
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
                <Field label="Quiet from (recipient's time)" error={errors["quiet_hours.start"]}>
                  <Input
                    type="time"
                    value={draft.quiet_hours.start}
                    onChange={(e) => set({ quiet_hours: { ...draft.quiet_hours!, start: e.target.value } })}
                  />
                </Field>
                <Field label="Quiet until" error={errors["quiet_hours.end"]}>
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
        <Drawer.Footer className="flex-wrap">
          {!!summary.length && (
            <div role="alert" className="mr-auto min-w-0 flex-1">
              <Text size="small" weight="plus" className="text-ui-fg-error">
                Not saved
              </Text>
              {summary.map((line) => (
                <Text key={line} size="xsmall" className="text-ui-fg-error">
                  {line}
                </Text>
              ))}
            </div>
          )}
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} isLoading={save.isPending}>
            Save
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}

/**
 * Why steps have fewer sends than carts reached them: emails the send policy is holding now
 * (frequency cap, quiet hours; they go when the hold ends) and steps left out for good.
 */
export const HeldBackList = ({ held }: { held: HeldBack[] }) => {
  const limits = useSendLimits()
  if (!held.length) return null
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }) : null
  return (
    <div className="flex flex-col gap-1" data-testid="held-back">
      <Text size="small" weight="plus">
        Held back or skipped
      </Text>
      {held.map((h) => (
        <Text key={`${h.step}:${h.status}:${h.reason}`} size="small" className="text-ui-fg-subtle">
          Step {h.step}:{" "}
          {h.status === "deferred"
            ? `${h.count} ${h.count === 1 ? "email" : "emails"} held back by ${describeReason(h.reason, limits)}${h.next_at ? `, next try ${when(h.next_at)}` : ""}`
            : `${h.count} ${h.count === 1 ? "cart" : "carts"} skipped: ${describeReason(h.reason, limits)}`}
        </Text>
      ))}
    </div>
  )
}


/**
 * Pause/activate and archive with a confirmation, duplicate, each followed by a toast; the same
 * on the list and on a campaign's page. `onDuplicated` receives the new draft (to open it).
 */
export function useCampaignActions({ onDuplicated, onArchived }: { onDuplicated?: (c: Campaign) => void; onArchived?: (c: Campaign) => void } = {}) {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["retention", "cart-recovery"] })
  const toggle = useMutation({
    mutationFn: (c: Campaign) =>
      sdk.client.fetch(`/admin/retention/cart-recovery/campaigns/${c.id}/${c.status === "active" ? "pause" : "activate"}`, { method: "POST" }),
    onSuccess: (_r, c) => {
      toast.success(c.status === "active" ? `${c.name} paused: no further emails until it is activated` : `${c.name} is active`)
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const duplicate = useMutation({
    mutationFn: (c: Campaign) => sdk.client.fetch<{ campaign: Campaign }>(`/admin/retention/cart-recovery/campaigns/${c.id}/duplicate`, { method: "POST" }),
    onSuccess: (r) => {
      toast.success(`${r.campaign.name} created as a draft`)
      refresh()
      onDuplicated?.(r.campaign)
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const archive = useMutation({
    mutationFn: (c: Campaign) => sdk.client.fetch(`/admin/retention/cart-recovery/campaigns/${c.id}`, { method: "DELETE" }),
    onSuccess: (_r, c) => {
      toast.success(`${c.name} archived`)
      refresh()
      onArchived?.(c)
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const confirmToggle = async (c: Campaign) => {
    const pausing = c.status === "active"
    const ok = await prompt({
      title: pausing ? `Pause ${c.name}?` : `Activate ${c.name}?`,
      description: pausing
        ? "Carts in its sequence get no further email until you activate it again; they keep their place."
        : "It starts emailing quiet carts that match its audience, including carts already waiting in it.",
      confirmText: pausing ? "Pause" : "Activate",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (ok) toggle.mutate(c)
  }
  const confirmArchive = async (c: Campaign) => {
    const ok = await prompt({
      title: `Archive ${c.name}?`,
      description: "It stops at once and leaves the list. Its sends, recoveries and revenue stay in the figures. This cannot be undone here.",
      confirmText: "Archive",
      cancelText: "Cancel",
    })
    if (ok) archive.mutate(c)
  }
  return { confirmToggle, confirmArchive, duplicate, toggle, archive, refresh }
}
