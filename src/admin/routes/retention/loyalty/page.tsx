import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Label, Switch, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { formatPoints, LoyaltyDashboard, loyaltyField, LoyaltySettings } from "../../../lib/loyalty"
import { formatCodeMap, NumberRule, parseCodeMap, parseNumberField, splitFieldErrors } from "../../../lib/number-input"
import { sdk } from "../../../lib/sdk"

type NumberField = Exclude<
  { [K in keyof LoyaltySettings]: LoyaltySettings[K] extends number ? K : never }[keyof LoyaltySettings],
  undefined
>

// Rules as the server checks them (modules/loyalty/program.ts), so most mistakes show at the field
// before a request. Labels come from LOYALTY_FIELD_LABELS, which also names the API's errors.
const whole = (max: number): NumberRule => ({ min: 0, max, integer: true })
const NUMBER_FIELDS: { key: NumberField; hint: string; rule: NumberRule; percent?: true }[] = [
  { key: "signupBonus", hint: "points when a customer registers", rule: whole(1_000_000) },
  { key: "firstOrderBonus", hint: "points on the first order (0 = off)", rule: whole(1_000_000) },
  { key: "birthdayBonus", hint: "points on the customer's birthday (0 = off)", rule: whole(1_000_000) },
  { key: "returnWindowDays", hint: "points stay pending this long after delivery", rule: whole(365) },
  { key: "expiryMonths", hint: "0 = points never expire", rule: whole(120) },
  { key: "expiryReminderDays", hint: "", rule: { min: 1, max: 90, integer: true } },
  { key: "pointValue", hint: "in the cart's currency, e.g. 0.01; per-currency values below override it", rule: { min: 0.000001, max: 1000 } },
  { key: "minRedeemPoints", hint: "points", rule: { min: 1, max: 1_000_000_000, integer: true } },
  { key: "redeemStep", hint: "points are redeemed in multiples of this", rule: { min: 1, max: 1_000_000_000, integer: true } },
  // Edited in percent, stored as a share (0.5): "50" reads better than "0.5" next to "%".
  { key: "maxRedeemShare", hint: "e.g. 50 = half the order", rule: { min: 1, max: 100 }, percent: true },
  { key: "holdTtlMinutes", hint: "unordered carts give points back after this", rule: { min: 5, max: 60 * 24 * 30, integer: true } },
]
const toPercent = (share: number) => String(Number((share * 100).toFixed(4)))

type TierDraft = { key: string; name: string; threshold: string; multiplier: string }
// Error messages by the form's field key ("maxRedeemShare", "tiers"), shown under that field.
type Errors = Record<string, string>

const FieldError = ({ message }: { message?: string }) =>
  message ? (
    <Text size="xsmall" className="text-ui-fg-error">
      {message}
    </Text>
  ) : null

const EMAIL_LABELS: { key: keyof LoyaltySettings["emails"]; label: string }[] = [
  { key: "pointsEarned", label: "Points earned" },
  { key: "pointsAvailable", label: "Points available" },
  { key: "expiryReminder", label: "Expiry reminder" },
  { key: "tierReached", label: "Tier reached" },
]


const Bars = ({ daily }: { daily: LoyaltyDashboard["daily"] }) => {
  const max = Math.max(1, ...daily.map((d) => Math.max(d.issued, d.redeemed, d.expired)))
  if (!daily.length) return <Text size="small" className="text-ui-fg-subtle">No activity in this period.</Text>
  const series = [
    { key: "issued" as const, className: "bg-ui-tag-green-icon" },
    { key: "redeemed" as const, className: "bg-ui-tag-blue-icon" },
    { key: "expired" as const, className: "bg-ui-tag-orange-icon" },
  ]
  return (
    <div>
      <div className="flex h-40 items-end gap-1" role="img" aria-label="Points issued, redeemed and expired per day">
        {daily.map((d) => (
          <div key={d.day} className="flex h-full flex-1 items-end gap-px" title={`${d.day}: +${d.issued} / −${d.redeemed} / expired ${d.expired}`}>
            {series.map((s) => (
              <div key={s.key} className={`flex-1 rounded-t ${s.className}`} style={{ height: `${(d[s.key] / max) * 100}%` }} />
            ))}
          </div>
        ))}
      </div>
      <div className="text-ui-fg-subtle mt-2 flex gap-4 text-xs">
        {series.map((s) => (
          <span key={s.key} className="flex items-center gap-1">
            <span className={`inline-block h-2 w-2 rounded ${s.className}`} /> {s.key}
          </span>
        ))}
      </div>
    </div>
  )
}

const Dashboard = () => {
  const { data } = useQuery({
    queryKey: ["retention-loyalty-dashboard"],
    queryFn: () => sdk.client.fetch<LoyaltyDashboard>("/admin/retention/loyalty/dashboard", { query: { days: 90 } }),
  })
  if (!data) return <Container className="px-6 py-4"><Text>Loading…</Text></Container>
  return (
    <>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Program</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {formatPoints(data.members)} members · {formatPoints(data.outstanding.available)} available ·{" "}
            {formatPoints(data.outstanding.pending)} pending · {formatPoints(data.outstanding.held)} on hold
          </Text>
        </div>
        <div className="px-6 py-4">
          <Text weight="plus" className="mb-2">Last 90 days</Text>
          <Bars daily={data.daily} />
        </div>
        <div className="grid grid-cols-2 gap-6 px-6 py-4">
          <div>
            <Text weight="plus" className="mb-2">Outstanding liability</Text>
            {data.liability.length ? (
              data.liability.map((l) => (
                <Text key={l.currency_code} size="small">
                  {l.currency_code === "none"
                    ? `Bonuses, not tied to a currency: ${l.amount.toFixed(2)} at the default point value`
                    : `${l.currency_code.toUpperCase()}: ${l.amount.toFixed(2)}`}{" "}
                  ({formatPoints(l.points)} points)
                </Text>
              ))
            ) : (
              <Text size="small" className="text-ui-fg-subtle">None</Text>
            )}
          </div>
          <div>
            <Text weight="plus" className="mb-2">Members per tier</Text>
            {data.tiers.map((t) => (
              <Text key={t.tier ?? "none"} size="small">
                {t.tier ? data.tier_names[t.tier] ?? t.tier : "No tier"}: {formatPoints(t.members)}
              </Text>
            ))}
          </div>
        </div>
      </Container>
      <Container className="p-0">
        <div className="px-6 py-4"><Heading level="h2">Top members</Heading></div>
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Customer</Table.HeaderCell>
              <Table.HeaderCell>Tier</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Lifetime earned</Table.HeaderCell>
              <Table.HeaderCell className="text-right">Available</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.top.map((a) => (
              <Table.Row key={a.customer_id}>
                <Table.Cell>
                  <a className="text-ui-fg-interactive" href={`/app/customers/${a.customer_id}`}>{a.name ?? a.email ?? a.customer_id}</a>
                  {a.name && a.email ? <Text size="xsmall" className="text-ui-fg-subtle">{a.email}</Text> : null}
                </Table.Cell>
                <Table.Cell>{a.tier ? <Badge size="2xsmall">{data.tier_names[a.tier] ?? a.tier}</Badge> : "—"}</Table.Cell>
                <Table.Cell className="text-right">{formatPoints(a.lifetime_earned)}</Table.Cell>
                <Table.Cell className="text-right">{formatPoints(a.available)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
    </>
  )
}

const SettingsForm = () => {
  const client = useQueryClient()
  const { data } = useQuery({
    queryKey: ["retention-loyalty-settings"],
    queryFn: () => sdk.client.fetch<{ settings: LoyaltySettings }>("/admin/retention/loyalty/settings"),
  })
  const [draft, setDraft] = useState<LoyaltySettings | null>(null)
  // Numbers stay as typed ("0,05" with a decimal comma, an emptied field) until Save parses them.
  const [numbers, setNumbers] = useState<Partial<Record<NumberField, string>>>({})
  const [tiers, setTiers] = useState<TierDraft[]>([])
  const [rates, setRates] = useState("")
  const [values, setValues] = useState("")
  const [errors, setErrors] = useState<Errors>({})
  const [otherErrors, setOtherErrors] = useState<string[]>([])
  useEffect(() => {
    if (data) {
      const s = data.settings
      setDraft(s)
      setNumbers(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, f.percent ? toPercent(s[f.key]) : String(s[f.key])])))
      setTiers(s.tiers.map((t) => ({ ...t, threshold: String(t.threshold), multiplier: String(t.multiplier) })))
      setRates(formatCodeMap(s.pointsPerCurrencyUnit, "="))
      setValues(formatCodeMap(s.pointValueByCurrency, "="))
    }
  }, [data])
  const save = useMutation({
    mutationFn: (settings: LoyaltySettings) =>
      sdk.client.fetch<{ settings: LoyaltySettings }>("/admin/retention/loyalty/settings", { method: "POST", body: settings }),
    onSuccess: () => {
      toast.success("Loyalty settings saved")
      client.invalidateQueries({ queryKey: ["retention-loyalty-settings"] })
    },
    // The API names fields by key ("maxRedeemShare: …"): each message goes under its field, and
    // the summary names the field as the form labels it.
    onError: (e: Error) => {
      const found: Errors = {}
      const other: string[] = []
      for (const { path, message } of splitFieldErrors(e.message)) {
        const field = loyaltyField(path)
        if (field) found[field.key] = found[field.key] ? `${found[field.key]}; ${message}` : `${field.key === "tiers" ? `${field.label}: ` : ""}${message}`
        else other.push(path ? `${path}: ${message}` : message)
      }
      setErrors(found)
      setOtherErrors(other)
    },
  })
  if (!draft) return null
  const set = <K extends keyof LoyaltySettings>(key: K, value: LoyaltySettings[K]) => setDraft({ ...draft, [key]: value })
  const clearError = (key: string) => setErrors(({ [key]: _cleared, ...rest }) => rest)
  const setTier = (i: number, patch: Partial<TierDraft>) => {
    setTiers((all) => all.map((t, j) => (j === i ? { ...t, ...patch } : t)))
    clearError("tiers")
  }
  const submit = () => {
    const found: Errors = {}
    const number = (key: string, text: string, rule: NumberRule, prefix = "") => {
      const parsed = parseNumberField(text, rule)
      if (parsed.ok) return parsed.value
      found[key] = found[key] ?? `${prefix}${parsed.error}`
      return 0
    }
    const settings: LoyaltySettings = { ...draft }
    for (const f of NUMBER_FIELDS) {
      const value = number(f.key, numbers[f.key] ?? "", f.rule)
      settings[f.key] = f.percent ? value / 100 : value
    }
    // One message for the tier rows, naming the first wrong one as listed ("Tier 2 · Threshold").
    settings.tiers = tiers.map((t, i) => ({
      key: t.key,
      name: t.name,
      threshold: number("tiers", t.threshold, { min: 0, integer: true }, `Tier ${i + 1} · Threshold: `),
      multiplier: number("tiers", t.multiplier, { min: 1, max: 10 }, `Tier ${i + 1} · Multiplier: `),
    }))
    const parsedRates = parseCodeMap(rates, "=")
    if (parsedRates.ok) settings.pointsPerCurrencyUnit = parsedRates.value
    else found.pointsPerCurrencyUnit = parsedRates.error
    const parsedValues = parseCodeMap(values, "=")
    if (parsedValues.ok) settings.pointValueByCurrency = parsedValues.value
    else found.pointValueByCurrency = parsedValues.error
    setErrors(found)
    setOtherErrors([])
    if (!Object.keys(found).length) save.mutate(settings)
  }
  const label = (key: string) => loyaltyField(key)?.label ?? key
  const summary = [...Object.entries(errors).map(([key, message]) => (key === "tiers" ? message : `${label(key)}: ${message}`)), ...otherErrors]
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Settings</Heading>
          <Text size="small" className="text-ui-fg-subtle">Earning, redemption, tiers, expiry and emails.</Text>
        </div>
        <div className="flex items-center gap-2">
          <Switch id="loyalty-enabled" checked={draft.enabled} onCheckedChange={(v) => set("enabled", v)} />
          <Label htmlFor="loyalty-enabled">Program on</Label>
        </div>
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 py-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <Label htmlFor="loyalty-rates">{label("pointsPerCurrencyUnit")}</Label>
          <Input
            id="loyalty-rates"
            aria-invalid={!!errors.pointsPerCurrencyUnit}
            value={rates}
            onChange={(e) => (setRates(e.target.value), clearError("pointsPerCurrencyUnit"))}
            placeholder="usd=1, eur=1, try=0.05"
          />
          <FieldError message={errors.pointsPerCurrencyUnit} />
          <Text size="xsmall" className="text-ui-fg-subtle">On the subtotal after discounts, excluding tax and shipping; rounded {draft.rounding}.</Text>
        </div>
        {NUMBER_FIELDS.map((f) => (
          <div key={f.key}>
            <Label htmlFor={`loyalty-${f.key}`}>{`${label(f.key)}${f.percent ? " (%)" : ""}`}</Label>
            <Input
              id={`loyalty-${f.key}`}
              inputMode={f.rule.integer ? "numeric" : "decimal"}
              aria-invalid={!!errors[f.key]}
              value={numbers[f.key] ?? ""}
              onChange={(e) => (setNumbers((n) => ({ ...n, [f.key]: e.target.value })), clearError(f.key))}
            />
            <FieldError message={errors[f.key]} />
            {f.hint && <Text size="xsmall" className="text-ui-fg-subtle">{f.hint}</Text>}
          </div>
        ))}
        <div>
          <Label htmlFor="loyalty-point-values">{label("pointValueByCurrency")}</Label>
          <Input
            id="loyalty-point-values"
            aria-invalid={!!errors.pointValueByCurrency}
            value={values}
            onChange={(e) => (setValues(e.target.value), clearError("pointValueByCurrency"))}
            placeholder="eur=0.01, try=0.3"
          />
          <FieldError message={errors.pointValueByCurrency} />
          <Text size="xsmall" className="text-ui-fg-subtle">Optional; a currency not listed uses the value above.</Text>
        </div>
        <div>
          <Label htmlFor="loyalty-birthday-key">Birthday field</Label>
          <Input
            id="loyalty-birthday-key"
            aria-invalid={!!errors.birthdayMetadataKey}
            value={draft.birthdayMetadataKey}
            onChange={(e) => (set("birthdayMetadataKey", e.target.value), clearError("birthdayMetadataKey"))}
          />
          <FieldError message={errors.birthdayMetadataKey} />
          <Text size="xsmall" className="text-ui-fg-subtle">Customer metadata key holding the birthday, as YYYY-MM-DD or MM-DD.</Text>
        </div>
      </div>
      <div className="px-6 py-4">
        <Text weight="plus" className="mb-2">Tiers (points earned in the last 12 months)</Text>
        {tiers.map((t, i) => (
          <div key={i} className="mb-2 grid grid-cols-5 gap-2">
            <Input aria-label="Key" value={t.key} onChange={(e) => setTier(i, { key: e.target.value })} />
            <Input aria-label="Name" value={t.name} onChange={(e) => setTier(i, { name: e.target.value })} />
            <Input aria-label="Threshold" inputMode="numeric" value={t.threshold} onChange={(e) => setTier(i, { threshold: e.target.value })} />
            <Input aria-label="Multiplier" inputMode="decimal" value={t.multiplier} onChange={(e) => setTier(i, { multiplier: e.target.value })} />
            <Button variant="secondary" size="small" onClick={() => (setTiers(tiers.filter((_, j) => j !== i)), clearError("tiers"))}>Remove</Button>
          </div>
        ))}
        <FieldError message={errors.tiers} />
        <Button
          variant="secondary"
          size="small"
          onClick={() => (setTiers([...tiers, { key: "", name: "", threshold: "0", multiplier: "1" }]), clearError("tiers"))}
        >
          Add tier
        </Button>
      </div>
      <div className="flex flex-wrap gap-6 px-6 py-4">
        {EMAIL_LABELS.map((e) => (
          <div key={e.key} className="flex items-center gap-2">
            <Switch id={`loyalty-email-${e.key}`} checked={draft.emails[e.key]} onCheckedChange={(v) => set("emails", { ...draft.emails, [e.key]: v })} />
            <Label htmlFor={`loyalty-email-${e.key}`}>{e.label} email</Label>
          </div>
        ))}
      </div>
      <div className="flex flex-wrap items-start justify-end gap-2 px-6 py-4">
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
        <Button onClick={submit} isLoading={save.isPending}>Save</Button>
      </div>
    </Container>
  )
}

const LoyaltyPage = () => (
  <div className="flex flex-col gap-y-3">
    <Dashboard />
    <SettingsForm />
  </div>
)

export const config = defineRouteConfig({ label: "Loyalty", rank: 30 })

export default LoyaltyPage
