import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Label, Switch, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { formatPoints, LoyaltyDashboard, LoyaltySettings, LoyaltyTier } from "../../../lib/loyalty"
import { sdk } from "../../../lib/sdk"

type NumberField = Exclude<
  { [K in keyof LoyaltySettings]: LoyaltySettings[K] extends number ? K : never }[keyof LoyaltySettings],
  undefined
>

const NUMBER_FIELDS: { key: NumberField; label: string; hint: string; step?: string }[] = [
  { key: "signupBonus", label: "Sign-up bonus", hint: "points when a customer registers" },
  { key: "firstOrderBonus", label: "First-order bonus", hint: "points on the first order (0 = off)" },
  { key: "birthdayBonus", label: "Birthday bonus", hint: "points on the customer's birthday (0 = off)" },
  { key: "returnWindowDays", label: "Return window (days)", hint: "points stay pending this long after delivery" },
  { key: "expiryMonths", label: "Expiry (months)", hint: "0 = points never expire" },
  { key: "expiryReminderDays", label: "Reminder (days before expiry)", hint: "" },
  { key: "pointValue", label: "Value of one point", hint: "in the cart's currency, e.g. 0.01; per-currency values below override it", step: "0.001" },
  { key: "minRedeemPoints", label: "Minimum redemption", hint: "points" },
  { key: "redeemStep", label: "Redemption step", hint: "points are redeemed in multiples of this" },
  { key: "maxRedeemShare", label: "Max share of the cart", hint: "0–1, e.g. 0.5 = half", step: "0.05" },
  { key: "holdTtlMinutes", label: "Hold time (minutes)", hint: "unordered carts give points back after this" },
]

const EMAIL_LABELS: { key: keyof LoyaltySettings["emails"]; label: string }[] = [
  { key: "pointsEarned", label: "Points earned" },
  { key: "pointsAvailable", label: "Points available" },
  { key: "expiryReminder", label: "Expiry reminder" },
  { key: "tierReached", label: "Tier reached" },
]

/** "eur=1, try=0.05" ↔ { eur: 1, try: 0.05 } (codes lower-cased; the server validates them). */
const formatRates = (rates: Record<string, number> | undefined) =>
  Object.entries(rates ?? {}).map(([c, r]) => `${c}=${r}`).join(", ")
const parseRates = (text: string): Record<string, number> =>
  Object.fromEntries(
    text.split(",").map((p) => p.trim()).filter(Boolean).map((p) => {
      const [c, r] = p.split("=")
      return [c.trim().toLowerCase(), Number(r)]
    })
  )

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
  const [rates, setRates] = useState("")
  const [values, setValues] = useState("")
  useEffect(() => {
    if (data) {
      setDraft(data.settings)
      setRates(formatRates(data.settings.pointsPerCurrencyUnit))
      setValues(formatRates(data.settings.pointValueByCurrency))
    }
  }, [data])
  const save = useMutation({
    mutationFn: (settings: LoyaltySettings) =>
      sdk.client.fetch<{ settings: LoyaltySettings }>("/admin/retention/loyalty/settings", { method: "POST", body: settings }),
    onSuccess: () => {
      toast.success("Loyalty settings saved")
      client.invalidateQueries({ queryKey: ["retention-loyalty-settings"] })
    },
    onError: (e: Error) => toast.error(e.message),
  })
  if (!draft) return null
  const set = <K extends keyof LoyaltySettings>(key: K, value: LoyaltySettings[K]) => setDraft({ ...draft, [key]: value })
  const setTier = (i: number, patch: Partial<LoyaltyTier>) =>
    set("tiers", draft.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)))
  const submit = () => {
    save.mutate({ ...draft, pointsPerCurrencyUnit: parseRates(rates), pointValueByCurrency: parseRates(values) })
  }
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
      <div className="grid grid-cols-2 gap-4 px-6 py-4">
        <div className="col-span-2">
          <Label htmlFor="loyalty-rates">Points per currency unit</Label>
          <Input id="loyalty-rates" value={rates} onChange={(e) => setRates(e.target.value)} placeholder="usd=1, eur=1, try=0.05" />
          <Text size="xsmall" className="text-ui-fg-subtle">On the subtotal after discounts, excluding tax and shipping; rounded {draft.rounding}.</Text>
        </div>
        {NUMBER_FIELDS.map((f) => (
          <div key={f.key}>
            <Label htmlFor={`loyalty-${f.key}`}>{f.label}</Label>
            <Input
              id={`loyalty-${f.key}`}
              type="number"
              step={f.step ?? "1"}
              value={String(draft[f.key])}
              onChange={(e) => set(f.key, Number(e.target.value))}
            />
            {f.hint && <Text size="xsmall" className="text-ui-fg-subtle">{f.hint}</Text>}
          </div>
        ))}
        <div>
          <Label htmlFor="loyalty-point-values">Value of one point per currency</Label>
          <Input id="loyalty-point-values" value={values} onChange={(e) => setValues(e.target.value)} placeholder="eur=0.01, try=0.3" />
          <Text size="xsmall" className="text-ui-fg-subtle">Optional; a currency not listed uses the value above.</Text>
        </div>
        <div>
          <Label htmlFor="loyalty-birthday-key">Birthday field</Label>
          <Input id="loyalty-birthday-key" value={draft.birthdayMetadataKey} onChange={(e) => set("birthdayMetadataKey", e.target.value)} />
          <Text size="xsmall" className="text-ui-fg-subtle">Customer metadata key holding the birthday, as YYYY-MM-DD or MM-DD.</Text>
        </div>
      </div>
      <div className="px-6 py-4">
        <Text weight="plus" className="mb-2">Tiers (points earned in the last 12 months)</Text>
        {draft.tiers.map((t, i) => (
          <div key={i} className="mb-2 grid grid-cols-5 gap-2">
            <Input aria-label="Key" value={t.key} onChange={(e) => setTier(i, { key: e.target.value })} />
            <Input aria-label="Name" value={t.name} onChange={(e) => setTier(i, { name: e.target.value })} />
            <Input aria-label="Threshold" type="number" value={String(t.threshold)} onChange={(e) => setTier(i, { threshold: Number(e.target.value) })} />
            <Input aria-label="Multiplier" type="number" step="0.05" value={String(t.multiplier)} onChange={(e) => setTier(i, { multiplier: Number(e.target.value) })} />
            <Button variant="secondary" size="small" onClick={() => set("tiers", draft.tiers.filter((_, j) => j !== i))}>Remove</Button>
          </div>
        ))}
        <Button variant="secondary" size="small" onClick={() => set("tiers", [...draft.tiers, { key: "", name: "", threshold: 0, multiplier: 1 }])}>
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
      <div className="flex justify-end px-6 py-4">
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

export const config = defineRouteConfig({ label: "Loyalty" })

export default LoyaltyPage
