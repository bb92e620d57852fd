import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { plausibleName } from "../../../emails/recipient-name"
import { chooseEmailLocale } from "../../../lib/email-locale"
import { discountForCurrency, parseBudget, parseQuietHours } from "../../../modules/cart-recovery/campaign-config"
import { fillSubject } from "../../../modules/cart-recovery/sequence"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import { flowEmailKey, flowSubjectId, pickFlowVariant } from "../../../modules/flows/engine"
import { FlowKind, FlowStepDiscount, parseFlowSteps } from "../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../modules/flows/service"
import { RETENTION_SETTINGS_MODULE } from "../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../modules/retention-settings/service"
import type { SendEmailInput } from "../../messaging/types"
import { composeFlowData } from "../utils/compose-flow-data"

export const planFlowStepStepId = "plan-flow-step"

export type FlowPlan = {
  entry_id: string
  flow_id: string
  kind: FlowKind | null
  // Whose emails the key names (see flowSubjectId).
  subject_id: string
  // 0-based index into the flow's steps; the email key and the admin use index + 1.
  step_index: number
  action: "send" | "complete" | "exit" | "wait" | "stop"
  reason: string | null
  wait_until?: string
  variant?: number
  subject?: string | null
  message?: SendEmailInput
  // The flow's name, for the Medusa campaign that holds its codes ("Welcome series (EUR)").
  flow_name?: string | null
  // In the shape ensure-cart-recovery-promotion takes: the flows' codes come from the same step.
  discount?: FlowStepDiscount & { code: string; currency_code: string; customer_id: string | null; email: string; budget: number | null }
}

type Row = Record<string, unknown>

/** Ongoing subscriptions, read through the replenishment table (the plugin orders for them). */
async function hasRunningSubscription(container: Parameters<typeof composeFlowData>[0], customerId: string): Promise<boolean> {
  const pg = container.resolve<{ raw: (sql: string, b: unknown[]) => Promise<{ rows: Row[] }> }>(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await pg.raw(
    `select 1 from retention_subscription where customer_id = ? and status in ('active', 'paused', 'payment_failed') and deleted_at is null limit 1`,
    [customerId]
  )
  return rows.length > 0
}

/**
 * Decides what a due entry gets, from live data read just before the send: the entry still
 * active, the flow active, the exit rule not met (an order since the anchor, for flows that exit
 * on one), a win-back customer not a subscriber meanwhile, a post-purchase order not canceled,
 * the customer still there. Then the step's email (template data, subject variant, locale, the
 * flow's quiet hours) under `flow:<flow_id>:<subject_id>:<step>`. Reads only; the outcome step writes.
 */
export const planFlowStepStep = createStep(planFlowStepStepId, async (input: { entry_id: string; now: Date }, { container }) => {
  const now = new Date(input.now)
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const entry = await flows.retrieveFlowEntry(input.entry_id)
  const [flow] = await flows.listRetentionFlows({ id: entry.flow_id })
  const kind = (flow?.kind ?? null) as FlowKind | null
  const plan: FlowPlan = {
    entry_id: entry.id,
    flow_id: entry.flow_id,
    kind,
    subject_id: flowSubjectId(kind ?? "welcome", entry.customer_id, entry.trigger_key),
    step_index: entry.step,
    action: "stop",
    reason: null,
  }
  const done = (patch: Partial<FlowPlan>) => new StepResponse<FlowPlan>({ ...plan, ...patch })

  if (entry.state !== "active") return done({ action: "stop", reason: "not_active" })
  if (!flow || !kind) return done({ action: "exit", reason: "flow_gone" })
  // Paused between the claim and now: stay due, the entry resumes when the flow is activated.
  if (flow.status !== "active") return done({ action: "wait", reason: "flow_paused", wait_until: now.toISOString() })
  const steps = parseFlowSteps(flow.steps)
  const step = steps[entry.step]
  if (!step) return done({ action: "complete", reason: "steps_done" })

  const context = (entry.context ?? {}) as Row
  if (flow.exit_rule === "order_placed") {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "status"],
      filters: { customer_id: entry.customer_id, created_at: { $gte: new Date(entry.anchor_at) } },
    })
    // The subscriber normally ends these on order.placed; this catches an event that was lost.
    if ((data as Row[]).some((o) => o.status !== "canceled" && o.status !== "draft" && o.id !== context.last_order_id)) {
      return done({ action: "exit", reason: "ordered" })
    }
  }
  if (kind === "win_back" && (await hasRunningSubscription(container, entry.customer_id))) {
    return done({ action: "exit", reason: "subscriber" })
  }

  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "first_name", "has_account", "metadata"],
    filters: { id: entry.customer_id },
  })
  const customer = customers[0] as { id: string; email?: string | null; first_name?: string | null; has_account?: boolean; metadata?: Row | null } | undefined
  if (!customer) return done({ action: "exit", reason: "customer_gone" })
  const email = customer.email?.trim().toLowerCase() || entry.email

  const composed = await composeFlowData(container, { kind, entry: { customer_id: entry.customer_id, trigger_key: entry.trigger_key, context }, stepIndex: entry.step, now })
  if ("exit" in composed) return done({ action: "exit", reason: composed.exit })

  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const brand = (await settings.getSection("brand")).values
  const locale = chooseEmailLocale(
    { customerLocale: typeof customer.metadata?.locale === "string" ? customer.metadata.locale : null, shippingCountry: composed.country_code },
    brand
  )
  const customerName = customer.has_account ? plausibleName(customer.first_name) : undefined
  const variant = pickFlowVariant(flow.id, entry.customer_id, entry.step, step.subjects.length)
  // Subject lines are written once, in the store's language: another language keeps the template's.
  const subject =
    step.subjects.length && locale === brand.defaultLocale ? fillSubject(step.subjects[variant], { customerName, storeName: brand.storeName }) : null
  const stepNumber = entry.step + 1
  const currency = composed.currency_code
  const discount = currency ? discountForCurrency(step.discount, currency) : null

  return done({
    action: "send",
    variant,
    subject,
    flow_name: flow.name,
    message: {
      idempotency_key: flowEmailKey(flow.id, plan.subject_id, stepNumber),
      template: step.template,
      to: email,
      customer_id: entry.customer_id,
      campaign_id: flow.id,
      locales: [locale],
      country_code: composed.country_code,
      quiet_hours: parseQuietHours(flow.quiet_hours),
      data: {
        ...composed.data,
        ...(customerName ? { customerName, greetingName: customerName } : {}),
        ...(subject ? { subjectLine: subject } : {}),
      },
    },
    discount:
      discount && currency
        ? {
            ...discount,
            code: flows.discountCodeFor(flow.id, plan.subject_id, stepNumber),
            currency_code: currency,
            customer_id: entry.customer_id,
            email,
            budget: parseBudget(flow.discount_budget)?.[currency] ?? null,
          }
        : undefined,
  })
})
