import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { FormEvent, useEffect, useState } from "react"
import { formatCodeMap, parseCodeMap } from "../../../lib/code-map"
import { splitFieldErrors } from "../../../lib/number-input"
import { SectionState, sdk } from "../../../lib/sdk"
import { HistoryList, savedAt } from "../../../components/history-list"

type Field =
  | { key: string; label: string; kind: "text" | "email" | "url" | "color" | "time" | "number" | "timezone"; nullable?: boolean }
  | { key: string; label: string; kind: "select"; options: { value: string; label: string }[] }
  | { key: string; label: string; kind: "switch" }
  // An object of short codes edited as "tr=tr, cy=tr"; the server validates each entry.
  | { key: string; label: string; kind: "codeMap"; placeholder: string }
  // { family, url } or null: both empty = no web font (system fonts only).
  | { key: string; label: string; kind: "webFont" }

const SECTIONS: { section: string; title: string; hint: string; fields: Field[] }[] = [
  {
    section: "brand",
    title: "Brand and sender",
    hint: "Used in the header and footer of every email. The postal address is required by anti-spam law.",
    fields: [
      { key: "storeName", label: "Store name", kind: "text" },
      { key: "fromName", label: "From name", kind: "text" },
      { key: "fromEmail", label: "From address", kind: "email" },
      { key: "replyTo", label: "Reply-to address", kind: "email", nullable: true },
      { key: "logoUrl", label: "Logo URL", kind: "url", nullable: true },
      { key: "webFont", label: "Web font (optional; none = system fonts)", kind: "webFont" },
      { key: "primaryColor", label: "Primary colour", kind: "color" },
      { key: "textColor", label: "Text colour", kind: "color" },
      { key: "backgroundColor", label: "Background colour", kind: "color" },
      { key: "storeAddress", label: "Postal address", kind: "text" },
      { key: "storefrontUrl", label: "Storefront URL", kind: "url" },
      {
        key: "defaultLocale",
        label: "Default email language",
        kind: "select",
        options: [
          { value: "en", label: "English" },
          { value: "tr", label: "Türkçe" },
        ],
      },
      {
        key: "countryLocales",
        label: "Email language by country (country=language)",
        kind: "codeMap",
        placeholder: "tr=tr",
      },
      { key: "timezone", label: "Store time zone", kind: "timezone" },
    ],
  },
  {
    section: "consent",
    title: "Consent and sending limits",
    hint: "Opt-in required suits stores under GDPR or Turkey's İYS; opt-out is the CAN-SPAM default.",
    fields: [
      {
        key: "policy",
        label: "Consent policy",
        kind: "select",
        options: [
          { value: "opt_out", label: "Opt-out (send until the person unsubscribes)" },
          { value: "opt_in", label: "Opt-in required (send only with recorded consent)" },
        ],
      },
      { key: "maxMarketingPerDay", label: "Marketing emails per person per 24 hours", kind: "number" },
      { key: "maxMarketingPerWeek", label: "Marketing emails per person per 7 days", kind: "number" },
      { key: "quietHoursEnabled", label: "Quiet hours", kind: "switch" },
      { key: "quietHoursStart", label: "Quiet hours start", kind: "time" },
      { key: "quietHoursEnd", label: "Quiet hours end", kind: "time" },
    ],
  },
  {
    section: "replenishment",
    title: "Running-low emails",
    hint:
      "A \"running low?\" email with a one-click reorder link a few days before a customer without a subscription is predicted to run out, from their own order history. Consent and sending limits apply.",
    fields: [
      { key: "predictionsEnabled", label: "Send running-low emails", kind: "switch" },
      { key: "predictionLeadDays", label: "Days before the predicted run-out", kind: "number" },
    ],
  },
]

type ApiError = { message?: string }

// Every IANA zone the browser knows (the server checks the same list); a short list otherwise.
const TIME_ZONES: string[] = (() => {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] }
  const zones = intl.supportedValuesOf?.("timeZone") ?? ["Europe/Istanbul", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles"]
  return zones.includes("UTC") ? zones : ["UTC", ...zones]
})()

const HEX = /^#[0-9a-fA-F]{6}$/

type Change = {
  version: number
  created_at: string
  changed_by: string | null
  changed_by_email: string | null
  changes: Record<string, { from: unknown; to: unknown }>
}

const shown = (value: unknown) =>
  value === null || value === undefined || value === "" ? "(none)" : typeof value === "object" ? JSON.stringify(value) : String(value)

/** The section's saved versions, newest first: who changed what, from what, to what. */
const History = ({ section, labels }: { section: string; labels: Record<string, string> }) => (
  <HistoryList<Change>
    label="history"
    queryKey={["retention", "settings", "history", section]}
    path={`/admin/retention/settings/${section}/history?limit=20`}
    pick={(body) => body.changes as Change[]}
    empty="No changes saved yet."
    render={(c) => (
      <li key={c.version} className="rounded-md border px-3 py-2">
        <Text size="small" weight="plus">
          Version {c.version} · {savedAt(c.created_at)} · {c.changed_by_email ?? (c.changed_by ? c.changed_by : "the plugin")}
        </Text>
        {Object.entries(c.changes ?? {}).map(([key, change]) => (
          <Text key={key} size="small" className="break-all text-ui-fg-subtle">
            {labels[key] ?? key}: {shown(change?.from)} → {shown(change?.to)}
          </Text>
        ))}
      </li>
    )}
  />
)

type WebFont = { family: string; url: string }

/**
 * The brand's web font: a family name and its https stylesheet. Both empty saves no font; one
 * of the two empty is sent as typed so the server names the missing one under the field.
 */
const WebFontInput = ({
  id,
  value,
  invalid,
  onChange,
}: {
  id: string
  value: unknown
  invalid: boolean
  onChange: (v: WebFont | null) => void
}) => {
  const font = (value && typeof value === "object" ? value : { family: "", url: "" }) as WebFont
  const update = (patch: Partial<WebFont>) => {
    const next = { ...font, ...patch }
    onChange(next.family.trim() === "" && next.url.trim() === "" ? null : next)
  }
  return (
    <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
      <Input
        id={id}
        aria-label="Font family"
        aria-invalid={invalid}
        placeholder="Family, e.g. Inter"
        value={font.family}
        onChange={(e) => update({ family: e.target.value })}
      />
      <Input
        aria-label="Font stylesheet URL"
        aria-invalid={invalid}
        placeholder="https://fonts.googleapis.com/css2?family=Inter"
        value={font.url}
        onChange={(e) => update({ url: e.target.value })}
      />
    </div>
  )
}

/** Where the saved brand takes effect, as the server computes it (GET /admin/retention/settings). */
type Effective = { recovery_link: string; from_email: string | null; from_name: string | null }

const SectionForm = ({
  state,
  spec,
  effective,
}: {
  state: SectionState
  spec: (typeof SECTIONS)[number]
  effective?: Effective
}) => {
  const queryClient = useQueryClient()
  const [values, setValues] = useState<Record<string, unknown>>(state.values)
  // The API's refusals, under the field they name ("maxMarketingPerDay: Too big…").
  const [errors, setErrors] = useState<Record<string, string>>({})
  useEffect(() => setValues(state.values), [state])
  const labels = Object.fromEntries(spec.fields.map((f) => [f.key, f.label]))

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      sdk.client.fetch<{ settings: SectionState }>(`/admin/retention/settings/${spec.section}`, {
        method: "POST",
        body,
      }),
    onSuccess: () => {
      toast.success(`${spec.title} saved`)
      setErrors({})
      queryClient.invalidateQueries({ queryKey: ["retention", "settings"] })
    },
    onError: (e: ApiError) => {
      const found: Record<string, string> = {}
      const other: string[] = []
      for (const { path, message } of splitFieldErrors(e.message ?? "Could not save")) {
        const key = path.split(".")[0]
        if (key && key in labels) found[key] = found[key] ? `${found[key]}; ${message}` : message
        else other.push(path ? `${path}: ${message}` : message)
      }
      setErrors(found)
      toast.error(
        other.length ? `Not saved: ${other.join("; ")}` : `Not saved: ${Object.keys(found).map((k) => labels[k]).join(", ")} (see the field)`
      )
    },
  })

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    // A code map being edited is held as its text; it is sent as the object the server expects.
    const body = { ...values }
    for (const field of spec.fields) {
      if (field.kind === "codeMap" && typeof body[field.key] === "string") body[field.key] = parseCodeMap(String(body[field.key]))
    }
    save.mutate(body)
  }

  const set = (key: string, value: unknown) => {
    setValues((v) => ({ ...v, [key]: value }))
    setErrors((e) => {
      if (!(key in e)) return e
      const { [key]: _gone, ...rest } = e
      return rest
    })
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{spec.title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {spec.hint}
        </Text>
      </div>
      <form onSubmit={onSubmit} className="flex flex-col gap-4 px-6 py-4">
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {spec.fields.map((field) => {
            const id = `${spec.section}-${field.key}`
            const value = values[field.key]
            return (
              <div key={field.key} className="flex flex-col gap-1">
                <Label htmlFor={id} size="small">
                  {field.label}
                </Label>
                {field.kind === "switch" ? (
                  <Switch id={id} checked={value === true} onCheckedChange={(c) => set(field.key, c)} />
                ) : field.kind === "select" ? (
                  <Select value={String(value ?? "")} onValueChange={(v) => set(field.key, v)}>
                    <Select.Trigger id={id}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      {field.options.map((o) => (
                        <Select.Item key={o.value} value={o.value}>
                          {o.label}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                ) : field.kind === "timezone" ? (
                  <Select value={String(value ?? "UTC")} onValueChange={(v) => set(field.key, v)}>
                    <Select.Trigger id={id} aria-invalid={!!errors[field.key]}>
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content className="max-h-[320px]">
                      {(TIME_ZONES.includes(String(value)) ? TIME_ZONES : [String(value), ...TIME_ZONES]).map((z) => (
                        <Select.Item key={z} value={z}>
                          {z.replace(/_/g, " ")}
                        </Select.Item>
                      ))}
                    </Select.Content>
                  </Select>
                ) : field.kind === "color" ? (
                  <div className="flex items-center gap-2">
                    <input
                      type="color"
                      aria-label={`${field.label} picker`}
                      className="h-8 w-10 cursor-pointer rounded border bg-transparent p-0.5"
                      value={HEX.test(String(value)) ? String(value) : "#000000"}
                      onChange={(e) => set(field.key, e.target.value)}
                    />
                    <Input id={id} aria-invalid={!!errors[field.key]} value={String(value ?? "")} onChange={(e) => set(field.key, e.target.value)} />
                  </div>
                ) : field.kind === "webFont" ? (
                  <WebFontInput id={id} value={value} invalid={!!errors[field.key]} onChange={(v) => set(field.key, v)} />
                ) : field.kind === "codeMap" ? (
                  <Input
                    id={id}
                    placeholder={field.placeholder}
                    aria-invalid={!!errors[field.key]}
                    value={typeof value === "string" ? value : formatCodeMap(value)}
                    onChange={(e) => set(field.key, e.target.value)}
                  />
                ) : (
                  <Input
                    id={id}
                    aria-invalid={!!errors[field.key]}
                    type={field.kind}
                    value={value === null || value === undefined ? "" : String(value)}
                    onChange={(e) => {
                      const raw = e.target.value
                      if (field.kind === "number") set(field.key, raw === "" ? null : Number(raw))
                      else if (field.nullable && raw === "") set(field.key, null)
                      else set(field.key, raw)
                    }}
                  />
                )}
                {field.key === "logoUrl" && typeof value === "string" && /^https?:\/\//.test(value) && (
                  <img src={value} alt="Logo preview" className="mt-1 max-h-12 max-w-[200px] self-start rounded border object-contain p-1" />
                )}
                {errors[field.key] && (
                  <Text size="xsmall" className="text-ui-fg-error">
                    {errors[field.key]}
                  </Text>
                )}
              </div>
            )
          })}
        </div>
        {effective && (
          <Text size="small" className="text-ui-fg-subtle">
            Recovery links open {effective.recovery_link}. Emails are sent from{" "}
            {effective.from_email
              ? effective.from_name
                ? `${effective.from_name} <${effective.from_email}>`
                : effective.from_email
              : "the address set on the email provider (the From address above is still the placeholder)"}
            .
          </Text>
        )}
        <div className="flex items-center justify-between">
          <Text size="small" className="text-ui-fg-subtle">
            {state.version === 0
              ? "Using defaults from the plugin options."
              : `Version ${state.version}, saved ${new Date(state.updated_at ?? "").toLocaleString()}`}
          </Text>
          <Button type="submit" size="small" isLoading={save.isPending}>
            Save
          </Button>
        </div>
        <History section={spec.section} labels={labels} />
      </form>
    </Container>
  )
}

const RetentionSettingsPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "settings"],
    queryFn: () => sdk.client.fetch<{ sections: SectionState[]; effective?: Effective }>("/admin/retention/settings"),
  })
  const header = (
    <Container className="px-6 py-4">
      <Heading level="h1">Settings</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Brand and sender, consent and sending rules for every retention email. Each change is recorded with who made it.
      </Text>
    </Container>
  )
  if (isLoading || error || !data) {
    return (
      <div className="flex flex-col gap-y-3">
        {header}
        <Container className="px-6 py-4">
          <Text size="small">{isLoading ? "Loading settings…" : "Could not load settings."}</Text>
        </Container>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-y-3">
      {header}
      {SECTIONS.map((spec) => {
        const state = data.sections.find((s) => s.section === spec.section)
        return state ? (
          <SectionForm
            key={spec.section}
            state={state}
            spec={spec}
            effective={spec.section === "brand" ? data.effective : undefined}
          />
        ) : null
      })}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Settings", rank: 90 })

export default RetentionSettingsPage
