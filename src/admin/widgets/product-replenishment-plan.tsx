import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Button, Container, Heading, Input, Label, Select, Switch, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Link } from "react-router-dom"
import { sdk } from "../lib/sdk"
import {
  describeApiError,
  fieldErrors,
  intervalLabel,
  parseIntervalList,
  PLAN_FIELD_LABELS,
  PlanDraft,
  planToDraft,
  ReplenishmentPlan,
  SubscriptionList,
  validatePlanDraft,
} from "../lib/subscriptions"

// Radix Select has no empty value: this one is the plan for every variant (variant_id null).
const ALL = "all"
const FORM_FIELDS = ["intervals", "default_interval", "discount_percent", "min_orders"]

const FieldError = ({ message }: { message?: string }) =>
  message ? (
    <Text size="xsmall" className="text-ui-fg-error">
      {message}
    </Text>
  ) : null

/**
 * The product's subscribe-and-save plan: which intervals a shopper may choose, the default, the
 * discount and an optional minimum number of orders. One plan for the product, or one per variant.
 */
const ProductReplenishmentPlanWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const client = useQueryClient()
  const prompt = usePrompt()
  const [target, setTarget] = useState(ALL)
  const [draft, setDraft] = useState<PlanDraft>(planToDraft(null))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [otherErrors, setOtherErrors] = useState<string[]>([])
  const key = ["retention", "replenishment", "plans", product.id]

  const plans = useQuery({
    queryKey: key,
    queryFn: () => sdk.client.fetch<{ plans: ReplenishmentPlan[] }>("/admin/retention/replenishment/plans", { query: { product_id: product.id } }),
  })
  const subscribers = useQuery({
    queryKey: ["retention", "subscriptions", "list", "product", product.id],
    queryFn: () => sdk.client.fetch<SubscriptionList>("/admin/retention/subscriptions", { query: { product_id: product.id, limit: 1 } }),
  })
  // The product page loads the product without its variants ("-variants"): ask for them.
  const variantList = useQuery({
    queryKey: ["retention", "replenishment", "variants", product.id],
    queryFn: () =>
      sdk.client.fetch<{ variants: { id: string; title: string | null }[] }>(`/admin/products/${product.id}/variants`, {
        query: { fields: "id,title", limit: 100 },
      }),
  })
  const variants = variantList.data?.variants ?? product.variants ?? []
  const planFor = (t: string) => plans.data?.plans.find((p) => (p.variant_id ?? ALL) === t)
  const plan = planFor(target)
  // A variant without its own plan is sold on the product's plan, when there is one.
  const inherited = target !== ALL && !plan ? planFor(ALL) : undefined

  // The form shows the chosen plan as saved when the target or the saved plan changes; a refetch
  // that brings the same plan back leaves what is being typed alone.
  const savedKey = `${target}:${JSON.stringify(plan ?? null)}`
  useEffect(() => {
    setDraft(planToDraft(plan))
    setErrors({})
    setOtherErrors([])
  }, [savedKey])

  const save = useMutation({
    mutationFn: (body: Omit<ReplenishmentPlan, "id">) =>
      sdk.client.fetch<{ plan: ReplenishmentPlan }>("/admin/retention/replenishment/plans", { method: "POST", body }),
    onSuccess: () => {
      toast.success("Subscription plan saved")
      client.invalidateQueries({ queryKey: key })
    },
    // The API names fields by key ("default_interval: …"): each message goes under its field.
    onError: (e: Error) => {
      const { byField, other } = fieldErrors(e.message, FORM_FIELDS)
      setErrors(byField)
      setOtherErrors(other.map((line) => describeApiError(line, PLAN_FIELD_LABELS)))
    },
  })
  const remove = useMutation({
    mutationFn: (id: string) => sdk.client.fetch<{ id: string; deleted: boolean }>(`/admin/retention/replenishment/plans/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      toast.success("Subscription plan removed")
      client.invalidateQueries({ queryKey: key })
    },
    onError: (e: Error) => toast.error("Plan not removed", { description: describeApiError(e.message, PLAN_FIELD_LABELS) }),
  })

  const set = <K extends keyof PlanDraft>(field: K, value: PlanDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }))
    setErrors(({ [field]: _cleared, ...rest }) => rest)
  }
  const submit = () => {
    const checked = validatePlanDraft(draft)
    setOtherErrors([])
    if (!checked.ok) return setErrors(checked.errors)
    setErrors({})
    save.mutate({ product_id: product.id, variant_id: target === ALL ? null : target, ...checked.value })
  }
  const removePlan = async () => {
    if (!plan) return
    const confirmed = await prompt({
      title: "Remove this plan?",
      description: "Shoppers can no longer subscribe to it from the product page or checkout.",
      confirmText: "Remove plan",
      cancelText: "Keep it",
      variant: "danger",
    })
    if (confirmed) remove.mutate(plan.id)
  }

  const parsed = parseIntervalList(draft.intervals)
  const codes = parsed.ok ? parsed.value : []
  const targetLabel = (t: string) => (t === ALL ? "All variants" : variants.find((v) => v.id === t)?.title || t)
  const summary = [...Object.entries(errors).map(([field, message]) => `${PLAN_FIELD_LABELS[field] ?? field}: ${message}`), ...otherErrors]
  const subscriberCount = subscribers.data?.count ?? 0

  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">Subscription plan</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Subscribe and save: shoppers choose an interval and get this product delivered again automatically.
          </Text>
        </div>
        {plan ? (
          <Badge size="2xsmall" color={plan.active ? "green" : "grey"}>
            {plan.active ? "Offered" : "Not offered"}
          </Badge>
        ) : inherited ? (
          <Badge size="2xsmall" color={inherited.active ? "blue" : "grey"}>
            {inherited.active ? "Product's plan" : "Not offered"}
          </Badge>
        ) : (
          <Badge size="2xsmall" color="grey">
            No plan
          </Badge>
        )}
      </div>

      {plans.isLoading && (
        <Text size="small" className="px-6 py-4">
          Loading…
        </Text>
      )}
      {plans.error && (
        <Text size="small" className="px-6 py-4 text-ui-fg-error">
          Could not load the plan: {plans.error.message}
        </Text>
      )}

      {plans.data && (
        <>
          {variants.length > 1 && (
            <div className="flex flex-col gap-y-1 px-6 py-4">
              <Label htmlFor="plan-target" size="small">
                Applies to
              </Label>
              <Select size="small" value={target} onValueChange={setTarget}>
                <Select.Trigger id="plan-target" className="w-full sm:w-[280px]">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {[ALL, ...variants.map((v) => v.id)].map((t) => (
                    <Select.Item key={t} value={t}>
                      {`${targetLabel(t)}${planFor(t) ? "" : t !== ALL && planFor(ALL) ? " (uses the product's plan)" : " (no plan)"}`}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {inherited
                  ? `${targetLabel(target)} is sold on the product's plan (${inherited.intervals.join(", ")}${inherited.discount_percent ? `, ${inherited.discount_percent} % off` : ""}). Create a plan here to give it its own.`
                  : "A variant's own plan wins over the product's."}
              </Text>
            </div>
          )}

          <div className="grid grid-cols-1 gap-4 px-6 py-4 sm:grid-cols-2">
            <div className="flex flex-col gap-y-1 sm:col-span-2">
              <Label htmlFor="plan-intervals" size="small">
                {PLAN_FIELD_LABELS.intervals}
              </Label>
              <Input
                id="plan-intervals"
                placeholder="2w, 4w, 6w"
                aria-invalid={!!errors.intervals}
                value={draft.intervals}
                onChange={(e) => set("intervals", e.target.value)}
              />
              <FieldError message={errors.intervals} />
              {codes.length > 0 ? (
                <div className="flex flex-wrap gap-1">
                  {codes.map((code) => (
                    <Badge key={code} size="2xsmall" color={code === draft.default_interval ? "blue" : "grey"}>
                      {intervalLabel(code)}
                    </Badge>
                  ))}
                </div>
              ) : (
                <Text size="xsmall" className="text-ui-fg-subtle">
                  Codes separated by commas: days, weeks or months up to a year (30d, 2w, 1m).
                </Text>
              )}
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="plan-default" size="small">
                {PLAN_FIELD_LABELS.default_interval}
              </Label>
              <Select size="small" value={codes.includes(draft.default_interval) ? draft.default_interval : ""} onValueChange={(v) => set("default_interval", v)} disabled={!codes.length}>
                <Select.Trigger id="plan-default" aria-invalid={!!errors.default_interval}>
                  <Select.Value placeholder={codes.length ? "Choose one of the intervals" : "Enter intervals first"} />
                </Select.Trigger>
                <Select.Content>
                  {codes.map((code) => (
                    <Select.Item key={code} value={code}>
                      {`${intervalLabel(code)} (${code})`}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
              <FieldError message={errors.default_interval} />
              <Text size="xsmall" className="text-ui-fg-subtle">
                Preselected on the product page.
              </Text>
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="plan-discount" size="small">
                {PLAN_FIELD_LABELS.discount_percent}
              </Label>
              <Input
                id="plan-discount"
                inputMode="decimal"
                placeholder="e.g. 10"
                aria-invalid={!!errors.discount_percent}
                value={draft.discount_percent}
                onChange={(e) => set("discount_percent", e.target.value)}
              />
              <FieldError message={errors.discount_percent} />
              <Text size="xsmall" className="text-ui-fg-subtle">
                Optional, 0–90. Off each subscribed item, first order and renewals.
              </Text>
            </div>
            <div className="flex flex-col gap-y-1">
              <Label htmlFor="plan-min-orders" size="small">
                {PLAN_FIELD_LABELS.min_orders}
              </Label>
              <Input
                id="plan-min-orders"
                inputMode="numeric"
                aria-invalid={!!errors.min_orders}
                value={draft.min_orders}
                onChange={(e) => set("min_orders", e.target.value)}
              />
              <FieldError message={errors.min_orders} />
              <Text size="xsmall" className="text-ui-fg-subtle">
                Orders before cancelling keeps the discount. 0 = no lock-in; cancelling online is always possible.
              </Text>
            </div>
            <div className="flex items-center gap-x-2 self-start pt-5">
              <Switch id="plan-active" checked={draft.active} onCheckedChange={(v) => set("active", v)} />
              <Label htmlFor="plan-active" size="small">
                Offer this plan to shoppers
              </Label>
            </div>
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
            {!summary.length && subscriberCount > 0 && (
              <Link to={`/retention/subscriptions?product_id=${product.id}`} className="txt-compact-small mr-auto self-center text-ui-fg-interactive">
                {subscriberCount} {subscriberCount === 1 ? "subscription" : "subscriptions"} of this product →
              </Link>
            )}
            <div className="flex gap-2">
              {plan && (
                <Button size="small" variant="secondary" onClick={removePlan} isLoading={remove.isPending} disabled={save.isPending}>
                  Remove plan
                </Button>
              )}
              <Button size="small" onClick={submit} isLoading={save.isPending} disabled={remove.isPending}>
                {plan ? "Save" : "Create plan"}
              </Button>
            </div>
          </div>
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductReplenishmentPlanWidget
