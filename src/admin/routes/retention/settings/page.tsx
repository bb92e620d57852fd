import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Label, Select, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { FormEvent, useEffect, useState } from "react"
import { formatCodeMap, parseCodeMap } from "../../../lib/code-map"
import { SectionState, sdk } from "../../../lib/sdk"

type Field =
  | { key: string; label: string; kind: "text" | "email" | "url" | "color" | "time" | "number"; nullable?: boolean }
  | { key: string; label: string; kind: "select"; options: { value: string; label: string }[] }
  | { key: string; label: string; kind: "switch" }
  // An object of short codes edited as "tr=tr, cy=tr"; the server validates each entry.
  | { key: string; label: string; kind: "codeMap"; placeholder: string }

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
      { key: "timezone", label: "Store time zone", kind: "text" },
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
  useEffect(() => setValues(state.values), [state])

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      sdk.client.fetch<{ settings: SectionState }>(`/admin/retention/settings/${spec.section}`, {
        method: "POST",
        body,
      }),
    onSuccess: () => {
      toast.success(`${spec.title} saved`)
      queryClient.invalidateQueries({ queryKey: ["retention", "settings"] })
    },
    onError: (e: ApiError) => toast.error(e.message ?? "Could not save"),
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

  const set = (key: string, value: unknown) => setValues((v) => ({ ...v, [key]: value }))

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
                ) : field.kind === "codeMap" ? (
                  <Input
                    id={id}
                    placeholder={field.placeholder}
                    value={typeof value === "string" ? value : formatCodeMap(value)}
                    onChange={(e) => set(field.key, e.target.value)}
                  />
                ) : (
                  <Input
                    id={id}
                    type={field.kind === "color" ? "text" : field.kind}
                    value={value === null || value === undefined ? "" : String(value)}
                    onChange={(e) => {
                      const raw = e.target.value
                      if (field.kind === "number") set(field.key, raw === "" ? null : Number(raw))
                      else if (field.nullable && raw === "") set(field.key, null)
                      else set(field.key, raw)
                    }}
                  />
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
      </form>
    </Container>
  )
}

const RetentionSettingsPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "settings"],
    queryFn: () => sdk.client.fetch<{ sections: SectionState[]; effective?: Effective }>("/admin/retention/settings"),
  })
  if (isLoading) return <Text>Loading settings…</Text>
  if (error || !data) return <Text>Could not load settings.</Text>
  return (
    <div className="flex flex-col gap-y-3">
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
