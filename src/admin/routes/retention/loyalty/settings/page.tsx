import { Button, Container, Heading, Input, Label, Skeleton, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { ReactNode, useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { loyaltyField, LoyaltySettings } from "../../../../lib/loyalty"
import { formatCodeMap, NumberRule, parseCodeMap, parseNumberField, splitFieldErrors } from "../../../../lib/number-input"
import { sdk } from "../../../../lib/sdk"

type NumberField = Exclude<
  { [K in keyof LoyaltySettings]: LoyaltySettings[K] extends number ? K : never }[keyof LoyaltySettings],
  undefined
>

// Rules as the server checks them (modules/loyalty/program.ts), so most mistakes show at the field
// before a request. Labels come from LOYALTY_FIELD_LABELS, which also names the API's errors.
const whole = (max: number): NumberRule => ({ min: 0, max, integer: true })
type NumberSpec = { key: NumberField; hint: string; rule: NumberRule; percent?: true }
const NUMBER_FIELDS: Record<NumberField, NumberSpec> = {
  signupBonus: { key: "signupBonus", hint: "points when a customer registers", rule: whole(1_000_000) },
  firstOrderBonus: { key: "firstOrderBonus", hint: "points on the first order (0 = off)", rule: whole(1_000_000) },
  birthdayBonus: { key: "birthdayBonus", hint: "points on the customer's birthday (0 = off)", rule: whole(1_000_000) },
  returnWindowDays: { key: "returnWindowDays", hint: "points stay pending this long after delivery", rule: whole(365) },
  expiryMonths: { key: "expiryMonths", hint: "after earning, first in first out; 0 = points never expire", rule: whole(120) },
  expiryReminderDays: { key: "expiryReminderDays", hint: "the expiry reminder email goes this long before", rule: { min: 1, max: 90, integer: true } },
  pointValue: { key: "pointValue", hint: "in the cart's currency, e.g. 0.01; per-currency values below override it", rule: { min: 0.000001, max: 1000 } },
  minRedeemPoints: { key: "minRedeemPoints", hint: "points", rule: { min: 1, max: 1_000_000_000, integer: true } },
  redeemStep: { key: "redeemStep", hint: "points are redeemed in multiples of this", rule: { min: 1, max: 1_000_000_000, integer: true } },
  // Edited in percent, stored as a share (0.5): "50" reads better than "0.5" next to "%".
  maxRedeemShare: { key: "maxRedeemShare", hint: "e.g. 50 = half the order", rule: { min: 1, max: 100 }, percent: true },
  holdTtlMinutes: { key: "holdTtlMinutes", hint: "unordered carts give points back after this", rule: { min: 5, max: 60 * 24 * 30, integer: true } },
}
const NUMBER_LIST = Object.values(NUMBER_FIELDS)
const toPercent = (share: number) => String(Number((share * 100).toFixed(4)))

// `saved`: the tier exists in the saved settings; its key is what accounts store, so it is shown,
// not edited (renaming it would orphan every member in the tier). A new tier's key comes from its
// name unless typed.
type TierDraft = { key: string; name: string; threshold: string; multiplier: string; saved: boolean }
const keyFromName = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
// Error messages by the form's field key ("maxRedeemShare", "tiers"), shown under that field.
type Errors = Record<string, string>

const FieldError = ({ message }: { message?: string }) =>
  message ? (
    <Text size="xsmall" className="text-ui-fg-error">
      {message}
    </Text>
  ) : null

const EMAIL_LABELS: { key: keyof LoyaltySettings["emails"]; label: string; hint: string }[] = [
  { key: "pointsEarned", label: "Points earned", hint: "after an order, with a tier reached" },
  { key: "pointsAvailable", label: "Points available", hint: "when the return window ends" },
  { key: "expiryReminder", label: "Expiry reminder", hint: "before points expire" },
  { key: "tierReached", label: "Tier reached", hint: "alone only when no points email goes for the same event" },
]

const Section = ({ title, description, children }: { title: string; description: string; children: ReactNode }) => (
  <Container className="divide-y p-0">
    <div className="px-6 py-4">
      <Heading level="h2">{title}</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {description}
      </Text>
    </div>
    {children}
  </Container>
)

const SettingsForm = () => {
  const client = useQueryClient()
  const { data, error } = useQuery({
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
      setNumbers(Object.fromEntries(NUMBER_LIST.map((f) => [f.key, f.percent ? toPercent(s[f.key]) : String(s[f.key])])))
      setTiers(s.tiers.map((t) => ({ ...t, threshold: String(t.threshold), multiplier: String(t.multiplier), saved: true })))
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
      client.invalidateQueries({ queryKey: ["retention-loyalty-members"] })
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
  if (error) {
    return (
      <Container className="px-6 py-4">
        <Text className="text-ui-fg-error">Could not load the settings: {error.message}</Text>
      </Container>
    )
  }
  if (!draft) {
    return (
      <Container className="flex flex-col gap-3 px-6 py-4">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-32 w-full" />
      </Container>
    )
  }
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
    for (const f of NUMBER_LIST) {
      const value = number(f.key, numbers[f.key] ?? "", f.rule)
      settings[f.key] = f.percent ? value / 100 : value
    }
    // One message for the tier rows, naming the first wrong one as listed ("Tier 2 · Threshold").
    settings.tiers = tiers.map((t, i) => ({
      key: t.key.trim() || keyFromName(t.name),
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

  const numberInput = (key: NumberField) => {
    const f = NUMBER_FIELDS[key]
    return (
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
        {f.hint && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {f.hint}
          </Text>
        )}
      </div>
    )
  }
  const grid = "grid grid-cols-1 gap-4 px-6 py-4 sm:grid-cols-2"
  // The tier table's columns; on a phone each tier is a block with its labels.
  const tierColumns = "sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,0.8fr)_auto]"
  const cellLabel = (text: string) => (
    <Text size="xsmall" className="text-ui-fg-subtle sm:hidden">
      {text}
    </Text>
  )

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div>
          <Heading level="h1">Loyalty settings</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Earning, redemption, expiry, tiers and emails. Changes apply to orders from now on.
          </Text>
        </div>
        <div className="flex items-center gap-2">
          <Switch id="loyalty-enabled" checked={draft.enabled} onCheckedChange={(v) => set("enabled", v)} />
          <Label htmlFor="loyalty-enabled">Program on</Label>
        </div>
      </Container>

      <Section title="Earning" description="Points on orders and bonuses.">
        <div className={grid}>
          <div className="sm:col-span-2">
            <Label htmlFor="loyalty-rates">{label("pointsPerCurrencyUnit")}</Label>
            <Input
              id="loyalty-rates"
              aria-invalid={!!errors.pointsPerCurrencyUnit}
              value={rates}
              onChange={(e) => (setRates(e.target.value), clearError("pointsPerCurrencyUnit"))}
              placeholder="usd=1, eur=1, try=0,05"
            />
            <FieldError message={errors.pointsPerCurrencyUnit} />
            <Text size="xsmall" className="text-ui-fg-subtle">
              On the subtotal after discounts, excluding tax and shipping; rounded {draft.rounding}. A decimal comma works too (try=0,05).
            </Text>
          </div>
          {numberInput("signupBonus")}
          {numberInput("firstOrderBonus")}
          {numberInput("birthdayBonus")}
          <div>
            <Label htmlFor="loyalty-birthday-key">{label("birthdayMetadataKey")}</Label>
            <Input
              id="loyalty-birthday-key"
              aria-invalid={!!errors.birthdayMetadataKey}
              value={draft.birthdayMetadataKey}
              onChange={(e) => (set("birthdayMetadataKey", e.target.value), clearError("birthdayMetadataKey"))}
            />
            <FieldError message={errors.birthdayMetadataKey} />
            <Text size="xsmall" className="text-ui-fg-subtle">
              Customer metadata key holding the birthday, as YYYY-MM-DD or MM-DD.
            </Text>
          </div>
          {numberInput("returnWindowDays")}
        </div>
      </Section>

      <Section title="Redemption" description="What a point is worth and how customers spend points at checkout.">
        <div className={grid}>
          {numberInput("pointValue")}
          <div>
            <Label htmlFor="loyalty-point-values">{label("pointValueByCurrency")}</Label>
            <Input
              id="loyalty-point-values"
              aria-invalid={!!errors.pointValueByCurrency}
              value={values}
              onChange={(e) => (setValues(e.target.value), clearError("pointValueByCurrency"))}
              placeholder="eur=0.01, try=0,3"
            />
            <FieldError message={errors.pointValueByCurrency} />
            <Text size="xsmall" className="text-ui-fg-subtle">
              Optional; a currency not listed uses the value above.
            </Text>
          </div>
          {numberInput("minRedeemPoints")}
          {numberInput("redeemStep")}
          {numberInput("maxRedeemShare")}
          {numberInput("holdTtlMinutes")}
        </div>
      </Section>

      <Section title="Expiry" description="Unspent points expire; customers get a reminder first.">
        <div className={grid}>
          {numberInput("expiryMonths")}
          {numberInput("expiryReminderDays")}
        </div>
      </Section>

      <Section title="Tiers" description="Reached on the points earned on orders in the last 12 months; a tier multiplies the points of later orders.">
        <div className="px-6 py-4">
          <div role="table" aria-label="Tiers" className="flex flex-col gap-y-2">
            <div role="row" className={`hidden gap-2 sm:grid ${tierColumns}`}>
              {["Key", "Name", "Threshold (points)", "Multiplier", ""].map((h, i) => (
                <Text key={i} role="columnheader" size="xsmall" weight="plus" className="text-ui-fg-subtle">
                  {h}
                </Text>
              ))}
            </div>
            {tiers.map((t, i) => (
              <div key={i} role="row" className={`grid grid-cols-2 items-center gap-2 rounded-md border p-3 sm:border-0 sm:p-0 ${tierColumns}`}>
                <div role="cell">
                  {cellLabel("Key")}
                  {t.saved ? (
                    <Text size="small" className="font-mono" title="The key members' accounts store: fixed once saved">
                      {t.key}
                    </Text>
                  ) : (
                    <Input
                      aria-label={`Tier ${i + 1} key`}
                      placeholder={keyFromName(t.name) || "e.g. platinum"}
                      value={t.key}
                      onChange={(e) => setTier(i, { key: e.target.value })}
                    />
                  )}
                </div>
                <div role="cell">
                  {cellLabel("Name")}
                  <Input aria-label={`Tier ${i + 1} name`} value={t.name} onChange={(e) => setTier(i, { name: e.target.value })} />
                </div>
                <div role="cell">
                  {cellLabel("Threshold (points)")}
                  <Input
                    aria-label={`Tier ${i + 1} threshold`}
                    inputMode="numeric"
                    value={t.threshold}
                    onChange={(e) => setTier(i, { threshold: e.target.value })}
                  />
                </div>
                <div role="cell">
                  {cellLabel("Multiplier")}
                  <Input
                    aria-label={`Tier ${i + 1} multiplier`}
                    inputMode="decimal"
                    value={t.multiplier}
                    onChange={(e) => setTier(i, { multiplier: e.target.value })}
                  />
                </div>
                <div role="cell" className="self-end sm:self-auto">
                  <Button
                    variant="secondary"
                    size="small"
                    aria-label={`Remove tier ${i + 1}`}
                    onClick={() => (setTiers(tiers.filter((_, j) => j !== i)), clearError("tiers"))}
                  >
                    Remove
                  </Button>
                </div>
              </div>
            ))}
          </div>
          <FieldError message={errors.tiers} />
          <Text size="xsmall" className="mt-2 text-ui-fg-subtle">
            Lowest threshold first; each threshold higher than the one before. Reaching the lowest tier sends no email.
          </Text>
          <Button
            className="mt-3"
            variant="secondary"
            size="small"
            onClick={() => (setTiers([...tiers, { key: "", name: "", threshold: "", multiplier: "1", saved: false }]), clearError("tiers"))}
          >
            Add tier
          </Button>
        </div>
      </Section>

      <Section title="Emails" description="Which loyalty emails customers receive. Edit their text under Templates.">
        <div className="grid grid-cols-1 gap-4 px-6 py-4 sm:grid-cols-2">
          {EMAIL_LABELS.map((e) => (
            <div key={e.key} className="flex items-start gap-2">
              <Switch id={`loyalty-email-${e.key}`} checked={draft.emails[e.key]} onCheckedChange={(v) => set("emails", { ...draft.emails, [e.key]: v })} />
              <div>
                <Label htmlFor={`loyalty-email-${e.key}`}>{e.label} email</Label>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {e.hint}
                </Text>
              </div>
            </div>
          ))}
        </div>
      </Section>

      <Container className="flex flex-wrap items-start justify-end gap-2 px-6 py-4">
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
        <Button onClick={submit} isLoading={save.isPending}>
          Save
        </Button>
      </Container>
    </div>
  )
}

const LoyaltySettingsPage = () => (
  <div className="flex flex-col gap-y-3">
    <Link to="/retention/loyalty" className="txt-compact-small text-ui-fg-subtle hover:text-ui-fg-base">
      ← Loyalty
    </Link>
    <SettingsForm />
  </div>
)

export default LoyaltySettingsPage
