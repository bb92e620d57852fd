import { Badge, Button, Container, Heading, Input, Label, Select, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { type FormEvent, useState } from "react"
import { Link, useParams } from "react-router-dom"
import type { Locale } from "../../../../../emails/locales"
import { delay, money, STATUS_COLOR } from "../../../../components/campaigns/campaign-parts"
import { EmailFrame } from "../../../../components/messaging/email-frame"
import { formatDate } from "../../../../lib/customers"
import { audienceText, exitText, fieldErrors, Flow, KIND_LABELS, triggerText } from "../../../../lib/flows"
import { LOCALES } from "../../../../lib/locales"
import { parseNumberField } from "../../../../lib/number-input"
import { sdk } from "../../../../lib/sdk"

type Step = Flow["steps"][number]

const discountText = (d: Step["discount"]) =>
  !d
    ? "–"
    : d.type === "percentage"
      ? `${d.value}% off, valid ${delay(d.expires_in_hours)}`
      : `${d.value} ${d.currency_code?.toUpperCase() ?? ""} off, valid ${delay(d.expires_in_hours)}`

/** One step's email as the template renders it with its sample data, in the chosen language. */
const StepPreview = ({ step, index }: { step: Step; index: number }) => {
  const [locale, setLocale] = useState<Locale>("en")
  const preview = useQuery({
    queryKey: ["retention", "flow-step-preview", step.template, locale],
    queryFn: () =>
      sdk.client.fetch<{ subject: string; html: string }>(`/admin/retention/templates/${step.template}/preview`, { method: "POST", body: { locale } }),
    retry: false,
  })
  return (
    <div className="flex flex-col gap-y-2 border-t border-ui-border-base pt-3">
      <div className="flex flex-wrap items-center gap-2">
        <Text size="xsmall" weight="plus" aria-hidden>
          Language
        </Text>
        <Select size="small" value={locale} onValueChange={(v) => setLocale(v as Locale)}>
          <Select.Trigger aria-label={`Preview language of step ${index + 1}`} className="w-40">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {LOCALES.map((l) => (
              <Select.Item key={l.value} value={l.value}>
                {l.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      {preview.error ? (
        <Text size="small" className="text-ui-fg-error">
          Could not render the preview: {preview.error.message}
        </Text>
      ) : !preview.data ? (
        <div className="h-40 animate-pulse rounded bg-ui-bg-component" />
      ) : (
        <>
          <Text size="small" weight="plus">
            Subject: {preview.data.subject}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {[
              "The template's sample data.",
              step.subjects.length ? `The flow's subject line${step.subjects.length > 1 ? "s replace" : " replaces"} it: ${step.subjects.join(" / ")}.` : null,
              step.discount ? "A real send creates a single-use code for the customer." : null,
            ]
              .filter(Boolean)
              .join(" ")}
          </Text>
          <div className="flex overflow-x-auto">
            <EmailFrame html={preview.data.html} title={`Step ${index + 1} preview`} className="mx-auto w-[600px] shrink-0" />
          </div>
        </>
      )}
    </div>
  )
}

/** Delays and holdout, checked here and by the API; errors show at the field they belong to. */
const SettingsForm = ({ flow, onSaved }: { flow: Flow; onSaved: () => void }) => {
  const [delays, setDelays] = useState(flow.steps.map((s) => String(s.delay_hours)))
  const [holdout, setHoldout] = useState(String(flow.holdout_percent))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const save = useMutation({
    mutationFn: (body: { steps: Step[]; holdout_percent: number }) =>
      sdk.client.fetch<{ flow: Flow }>(`/admin/retention/flows/${flow.id}`, { method: "POST", body }),
    onSuccess: () => {
      toast.success(`${flow.name} saved`)
      setErrors({})
      onSaved()
    },
    onError: (e: Error) => {
      setErrors(fieldErrors(e.message))
      toast.error("Could not save the flow", { description: e.message })
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const found: Record<string, string> = {}
    const parsed = delays.map((text, i) => {
      const r = parseNumberField(text, { min: 0, max: 24 * 365 })
      if (!r.ok) found[`delay-${i}`] = r.error
      return r.ok ? r.value : NaN
    })
    parsed.forEach((v, i) => {
      if (i > 0 && !found[`delay-${i}`] && !found[`delay-${i - 1}`] && v <= parsed[i - 1]) found[`delay-${i}`] = "must be longer than the previous step's delay"
    })
    const h = parseNumberField(holdout, { min: 0, max: 50 })
    if (!h.ok) found.holdout = h.error
    setErrors(found)
    if (Object.keys(found).length || !h.ok) return
    save.mutate({ steps: flow.steps.map((s, i) => ({ ...s, delay_hours: parsed[i] })), holdout_percent: h.value })
  }
  const fieldError = (key: string) =>
    errors[key] ? (
      <Text size="xsmall" className="text-ui-fg-error" id={`flow-${key}-error`}>
        {errors[key]}
      </Text>
    ) : null
  return (
    <form onSubmit={submit} className="flex flex-col gap-y-3" noValidate>
      <div className="flex flex-wrap gap-4">
        {flow.steps.map((s, i) => (
          <div key={i} className="flex w-40 flex-col gap-y-1">
            <Label size="xsmall" weight="plus" htmlFor={`flow-delay-${i}`}>
              Step {i + 1} delay (hours)
            </Label>
            <Input
              id={`flow-delay-${i}`}
              size="small"
              inputMode="decimal"
              value={delays[i]}
              aria-invalid={!!errors[`delay-${i}`]}
              aria-describedby={errors[`delay-${i}`] ? `flow-delay-${i}-error` : undefined}
              onChange={(e) => setDelays(delays.map((d, j) => (j === i ? e.target.value : d)))}
            />
            {fieldError(`delay-${i}`)}
          </div>
        ))}
        <div className="flex w-40 flex-col gap-y-1">
          <Label size="xsmall" weight="plus" htmlFor="flow-holdout">
            Holdout (%)
          </Label>
          <Input
            id="flow-holdout"
            size="small"
            inputMode="decimal"
            value={holdout}
            aria-invalid={!!errors.holdout}
            aria-describedby={errors.holdout ? "flow-holdout-error" : undefined}
            onChange={(e) => setHoldout(e.target.value)}
          />
          {fieldError("holdout")}
        </div>
      </div>
      {fieldError("form")}
      <Text size="xsmall" className="text-ui-fg-subtle">
        Delays count from the flow's starting moment (sign-up, delivery, birthday, lapse); decimals are allowed (0.05 h = 3 minutes). Entries already waiting keep the time they were given.
      </Text>
      <div>
        <Button size="small" type="submit" isLoading={save.isPending}>
          Save
        </Button>
      </div>
    </form>
  )
}

/** A lifecycle flow's page (Retention → Flows → name): how it runs, its steps and figures, previews. */
const FlowPage = () => {
  const { id } = useParams()
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [previewing, setPreviewing] = useState<number | null>(null)
  const [editing, setEditing] = useState(false)
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "flows", id],
    queryFn: () => sdk.client.fetch<{ flow: Flow }>(`/admin/retention/flows/${id}`),
    retry: false,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["retention", "flows"] })
  const toggle = useMutation({
    mutationFn: (f: Flow) => sdk.client.fetch<{ flow: Flow }>(`/admin/retention/flows/${f.id}`, { method: "POST", body: { status: f.status === "active" ? "paused" : "active" } }),
    onSuccess: (r) => {
      toast.success(r.flow.status === "paused" ? `${r.flow.name} paused: no further emails until it is activated` : `${r.flow.name} is active`)
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const confirmToggle = async (f: Flow) => {
    const pausing = f.status === "active"
    const ok = await prompt({
      title: pausing ? `Pause ${f.name}?` : `Activate ${f.name}?`,
      description: pausing
        ? "No new customer enters it and customers already in it get no further email until you activate it again; they keep their place."
        : "It starts customers on its trigger again, and customers waiting in it get their next email when it is due.",
      confirmText: pausing ? "Pause" : "Activate",
      cancelText: "Cancel",
      variant: "confirmation",
    })
    if (ok) toggle.mutate(f)
  }

  const back = (
    <Link to="/retention/flows" className="txt-compact-small text-ui-fg-subtle hover:text-ui-fg-base">
      ‹ Flows
    </Link>
  )
  if (isLoading) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="flex flex-col gap-3 px-6 py-4">
          <div className="h-6 w-48 animate-pulse rounded bg-ui-bg-component" />
          <div className="h-32 animate-pulse rounded bg-ui-bg-component" />
        </Container>
      </div>
    )
  }
  if (error || !data) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="px-6 py-4">
          <Text>This flow does not exist or was deleted.</Text>
        </Container>
      </div>
    )
  }
  const f = data.flow
  const s = f.stats
  const facts: [string, string][] = [
    ["Kind", KIND_LABELS[f.kind]],
    ["Starts when", triggerText(f.kind, f.trigger)],
    ["Ends", exitText(f.kind, f.exit_rule)],
    ["Audience", audienceText(f.audience)],
    ["Holdout", `${f.holdout_percent}% of entries get no email, to measure lift`],
    ["Attribution", `An order within ${f.attribution_window_days} days of one of its emails is credited to the last one`],
    ["Quiet hours", f.quiet_hours ? (f.quiet_hours.enabled ? `${f.quiet_hours.start}–${f.quiet_hours.end}, recipient's time` : "None") : "The store's"],
    ["Created", formatDate(f.created_at)],
  ]
  const figures: [string, string | number][] = [
    ["In flow", s?.active ?? 0],
    ["Completed", s?.completed ?? 0],
    ["Exited early", s?.exited ?? 0],
    ["Held out", s?.held_out ?? 0],
    ["Sends", s?.sends ?? 0],
    ["Opens", s?.opens ?? 0],
    ["Clicks", s?.clicks ?? 0],
    ["Orders", s?.conversions ?? 0],
    ["Revenue", money(s?.revenue)],
  ]
  return (
    <div className="flex flex-col gap-y-3">
      {back}
      <Container className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <div className="flex flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <Heading>{f.name}</Heading>
            <Badge size="2xsmall" color={STATUS_COLOR[f.status]}>
              {f.status}
            </Badge>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {KIND_LABELS[f.kind]} · {f.steps.length} step{f.steps.length === 1 ? "" : "s"} · revenue {money(s?.revenue)}
          </Text>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="small" variant="secondary" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
            {editing ? "Close settings" : "Edit delays and holdout"}
          </Button>
          <Button size="small" variant="secondary" onClick={() => confirmToggle(f)} isLoading={toggle.isPending}>
            {f.status === "active" ? "Pause" : "Activate"}
          </Button>
        </div>
      </Container>
      {editing && (
        <Container className="flex flex-col gap-y-3 px-6 py-4">
          <Heading level="h2">Settings</Heading>
          <SettingsForm key={f.id} flow={f} onSaved={() => {
              setEditing(false)
              refresh()
            }} />
        </Container>
      )}
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h2">How it runs</Heading>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[160px_1fr]">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt>
                <Text size="small" weight="plus">
                  {k}
                </Text>
              </dt>
              <dd>
                <Text size="small" className="text-ui-fg-subtle">
                  {v}
                </Text>
              </dd>
            </div>
          ))}
        </dl>
      </Container>
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h2">Figures</Heading>
        <div className="flex flex-wrap gap-x-8 gap-y-3">
          {figures.map(([k, v]) => (
            <div key={k} className="flex flex-col">
              <Text size="xsmall" className="text-ui-fg-subtle">
                {k}
              </Text>
              <Text size="large" weight="plus">
                {v}
              </Text>
            </div>
          ))}
        </div>
        {(s?.held_out ?? 0) > 0 && (
          <Text size="small" className="text-ui-fg-subtle">
            Ordered after entering: {s!.emailed_conversions} of {s!.emailed_entries} emailed, {s!.holdout_conversions} of {s!.held_out} held out.
          </Text>
        )}
      </Container>
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h2">Steps</Heading>
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                {["Step", "After", "Template", "Subject", "Discount", "Sends", "Opens", "Clicks", "Orders", "Revenue", ""].map((h, i) => (
                  <Table.HeaderCell key={i}>{h}</Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {f.steps.flatMap((step, index) => {
                const rows = (s?.by_step ?? []).filter((r) => r.step === index + 1)
                const variants = rows.length ? rows : [{ step: index + 1, variant: 0, sends: 0, opens: 0, clicks: 0, conversions: 0, revenue: {} }]
                return variants.map((r, vi) => (
                  <Table.Row key={`${index}:${r.variant}`}>
                    <Table.Cell>{vi === 0 ? index + 1 : ""}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{vi === 0 ? delay(step.delay_hours) : ""}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{vi === 0 ? step.template : ""}</Table.Cell>
                    <Table.Cell className="max-w-[240px] truncate">
                      {step.subjects[r.variant] ?? (r.variant === 0 ? "Template subject" : `#${r.variant + 1}`)}
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{vi === 0 ? discountText(step.discount) : ""}</Table.Cell>
                    <Table.Cell>{r.sends}</Table.Cell>
                    <Table.Cell>{r.opens}</Table.Cell>
                    <Table.Cell>{r.clicks}</Table.Cell>
                    <Table.Cell>{r.conversions}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{money(r.revenue)}</Table.Cell>
                    <Table.Cell>
                      {vi === 0 && (
                        <Button
                          size="small"
                          variant="transparent"
                          aria-expanded={previewing === index}
                          onClick={() => setPreviewing(previewing === index ? null : index)}
                        >
                          {previewing === index ? "Hide preview" : `Preview step ${index + 1}`}
                        </Button>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))
              })}
            </Table.Body>
          </Table>
        </div>
        {previewing !== null && f.steps[previewing] && (
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">
              Step {previewing + 1}: {f.steps[previewing].template}
            </Text>
            <StepPreview key={previewing} step={f.steps[previewing]} index={previewing} />
          </div>
        )}
      </Container>
    </div>
  )
}

export default FlowPage
