// Demo only: the four lifecycle flows (#16) on a clock fast enough to watch, and a history so the
// Flows pages have figures on first open.
//
// Live: every flow active (win-back included), steps minutes apart, no quiet hours of their own
// (the demo may start at night), post-purchase counting from the order itself. One customer per
// flow, each a different account, those with the fewest recent marketing emails first (the
// shared send policy allows 2 a day per address, so the welcome series' third email waits for the next day
// unless the cap is raised in Settings), is put on that clock now: the scheduler (every minute)
// sends the first emails a minute or two after `npm run demo` starts.
//
// History: as the cart-recovery history, rows written as the flow engine and the message log
// leave them: finished entries on the default (not the demo's) delays, a send per step with its
// message log row and opens and clicks, and orders the customers really placed credited to the
// last email before them (last touch), so sends, opens, clicks and revenue are not zero.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_FLOWS_MODULE } from "../../src/modules/flows"
import { DEFAULT_FLOWS, FlowKind, parseFlowSteps, updateFlowSchema } from "../../src/modules/flows/flow-config"
import type FlowsModuleService from "../../src/modules/flows/service"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { startFlowEntries } from "../../src/workflows/flows/utils/start-entries"

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The demo's delays in hours, per kind (0.02 h = 72 s). */
export const DEMO_FLOW_DELAYS: Record<FlowKind, number[]> = {
  welcome: [0.02, 0.05, 0.1],
  post_purchase: [0.03],
  birthday: [0],
  win_back: [0.02, 0.06],
}

type Pg = { raw: (sql: string, bindings?: readonly unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }
type Customer = { id: string; email: string; account: boolean; orders: { id: string; at: Date; total: number; currency_code: string }[] }

const subjectOf = (kind: FlowKind, customerId: string, triggerKey: string) => (kind === "welcome" ? customerId : `${customerId}~${triggerKey}`)

/** Customers (accounts only, or accounts first) with their non-canceled orders, oldest first. */
async function accountCustomers(container: MedusaContainer, pg: Pg, accountsOnly = true): Promise<Customer[]> {
  const { rows } = await pg.raw(
    `select id, lower(email) as email, has_account from customer where (has_account or ?) and deleted_at is null and email is not null
     order by has_account desc, created_at, id`,
    [!accountsOnly]
  )
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "customer_id", "created_at", "currency_code", "total", "status"],
    filters: { customer_id: rows.map((r) => String(r.id)) },
  })
  const orders = (data as { id: string; customer_id: string; created_at: string | Date; currency_code: string; total: unknown; status: string }[])
    .filter((o) => o.status !== "canceled" && o.status !== "draft")
    .map((o) => ({ id: o.id, customer_id: o.customer_id, at: new Date(o.created_at), total: Number(o.total), currency_code: o.currency_code }))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
  return rows.map((r) => ({
    id: String(r.id),
    email: String(r.email),
    account: r.has_account === true,
    orders: orders.filter((o) => o.customer_id === r.id).map(({ customer_id: _c, ...o }) => o),
  }))
}

/**
 * Every default flow active with the demo's delays, and one customer per flow put on that clock
 * now. Returns the addresses the live emails go to, per kind.
 */
export async function prepareDemoFlows(
  container: MedusaContainer,
  opts: { now?: Date; log?: (m: string) => void } = {}
): Promise<{ live: Partial<Record<FlowKind, string>> }> {
  if (!container.hasRegistration(RETENTION_FLOWS_MODULE)) return { live: {} }
  const now = opts.now ?? new Date()
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  const pg = container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION)
  await flows.ensureDefaultFlows()
  const byKind = new Map<FlowKind, Awaited<ReturnType<FlowsModuleService["listRetentionFlows"]>>[number]>()
  for (const kind of Object.keys(DEMO_FLOW_DELAYS) as FlowKind[]) {
    const [flow] = await flows.listRetentionFlows({ kind, is_default: true })
    if (!flow) continue
    const steps = parseFlowSteps(flow.steps).map((s, i) => ({ ...s, delay_hours: DEMO_FLOW_DELAYS[kind][i] ?? s.delay_hours }))
    await flows.updateFlow(
      flow.id,
      updateFlowSchema.parse({
        status: "active",
        steps,
        quiet_hours: { enabled: false, start: "21:00", end: "08:00" },
        ...(kind === "post_purchase" ? { trigger: { assume_delivery_after_days: 0 } } : {}),
        discount_budget: { eur: 200, usd: 200, try: 8000 },
      })
    )
    byKind.set(kind, (await flows.listRetentionFlows({ id: flow.id }))[0])
  }

  // Accounts with the fewest marketing emails in the last day (then week) first: one per flow,
  // so the shared caps hold back as little as possible.
  const { rows: mailed } = await pg.raw(
    `select lower(to_email) as email, count(*) filter (where created_at > ?)::int as day, count(*)::int as week
     from retention_message where category = 'marketing' and created_at > ? and deleted_at is null group by 1`,
    [new Date(now.getTime() - DAY).toISOString(), new Date(now.getTime() - 7 * DAY).toISOString()]
  )
  const load = new Map(mailed.map((r) => [String(r.email), Number(r.day) * 100 + Number(r.week)]))
  const taken = new Set<string>()
  const customers = (await accountCustomers(container, pg)).sort((a, b) => (load.get(a.email) ?? 0) - (load.get(b.email) ?? 0))
  const pick = (ok: (c: Customer) => boolean) => {
    const c = customers.find((x) => !taken.has(x.email) && ok(x))
    if (c) taken.add(c.email)
    return c
  }
  const live: Partial<Record<FlowKind, string>> = {}
  const due = (kind: FlowKind) => new Date(now.getTime() + DEMO_FLOW_DELAYS[kind][0] * HOUR)

  // Welcome and post-purchase: the seed's own customer.created and order.placed started their
  // entries on the default clock; move one of each onto the demo's.
  const retime = async (kind: FlowKind, customer: Customer | undefined, triggerKey: string | undefined, context: Record<string, unknown>) => {
    const flow = byKind.get(kind)
    if (!flow || !customer || !triggerKey) return
    const [entry] = await flows.listFlowEntries({ flow_id: flow.id, customer_id: customer.id, trigger_key: triggerKey })
    if (entry && entry.state === "active" && !entry.holdout) {
      await flows.updateFlowEntries({ id: entry.id, anchor_at: now, next_action_at: due(kind) })
      live[kind] = customer.email
    } else if (!entry) {
      const [outcome] = await startFlowEntries(container, kind, [{ customer_id: customer.id, email: customer.email, trigger_key: triggerKey, at: now, context }])
      if (outcome?.outcome === "started") live[kind] = customer.email
    }
  }
  const newcomer = pick((c) => !c.orders.length)
  await retime("welcome", newcomer, "signup", {})
  const buyer = pick((c) => c.orders.length > 0)
  const lastOrder = buyer?.orders[buyer.orders.length - 1]
  await retime("post_purchase", buyer, lastOrder?.id, lastOrder ? { order_id: lastOrder.id, currency_code: lastOrder.currency_code } : {})

  // Birthday: a customer whose birthday is today (the loyalty program's metadata key), started
  // as the daily job starts it, without waiting for 06:10.
  const celebrant = pick(() => true)
  if (celebrant && byKind.get("birthday")) {
    const monthDay = `${String(now.getUTCMonth() + 1).padStart(2, "0")}-${String(now.getUTCDate()).padStart(2, "0")}`
    await pg.raw(`update customer set metadata = coalesce(metadata, '{}'::jsonb) || jsonb_build_object('birthday', ?::text) where id = ?`, [
      `1990-${monthDay}`,
      celebrant.id,
    ])
    const year = now.getUTCFullYear()
    const [o] = await startFlowEntries(container, "birthday", [
      { customer_id: celebrant.id, email: celebrant.email, trigger_key: String(year), at: now, context: { year } },
    ])
    if (o?.outcome === "started") live.birthday = celebrant.email
  }

  // Win-back: a customer whose last order is the lapse the daily job would have found.
  const lapsed = pick((c) => c.orders.length > 0)
  const last = lapsed?.orders[lapsed.orders.length - 1]
  if (lapsed && last && byKind.get("win_back")) {
    const [o] = await startFlowEntries(container, "win_back", [
      {
        customer_id: lapsed.id,
        email: lapsed.email,
        trigger_key: last.id,
        at: now,
        currency_code: last.currency_code,
        context: { last_order_id: last.id, last_order_at: last.at.toISOString(), currency_code: last.currency_code.toLowerCase() },
      },
    ])
    if (o?.outcome === "started") live.win_back = lapsed.email
  }
  opts.log?.(
    `flows: all four active on the demo clock; live emails to ${Object.entries(live)
      .map(([k, e]) => `${k} ${e}`)
      .join(", ")}`
  )
  return { live }
}

export type DemoFlowHistory = { entries: number; sends: number; opens: number; clicks: number; credited_orders: number }

/**
 * Finished entries of every flow, a few weeks old, with their sends, message log rows (opens,
 * clicks) and the customers' own later orders credited to the last email before them. Runs once:
 * when a flow already has a credited send it does nothing.
 */
export async function seedDemoFlowHistory(
  container: MedusaContainer,
  opts: { now?: Date; log?: (m: string) => void; exclude?: string[] } = {}
): Promise<DemoFlowHistory> {
  const result: DemoFlowHistory = { entries: 0, sends: 0, opens: 0, clicks: 0, credited_orders: 0 }
  if (!container.hasRegistration(RETENTION_FLOWS_MODULE)) return result
  const now = opts.now ?? new Date()
  const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
  const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
  const pg = container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION)
  await flows.ensureDefaultFlows()
  const all = await flows.listRetentionFlows({ is_default: true })
  if ((await flows.listFlowSends({ flow_id: all.map((f) => f.id), order_id: { $ne: null } }, { take: 1 })).length) return result

  const exclude = new Set(opts.exclude ?? [])
  // Guests too (they get the post-purchase and win-back emails; the welcome series when they
  // gave consent): the demo store has few accounts.
  const customers = (await accountCustomers(container, pg, false)).filter((c) => !exclude.has(c.email))
  const usedOrders = new Set<string>()
  let n = 0
  for (const definition of DEFAULT_FLOWS) {
    const flow = all.find((f) => f.kind === definition.kind)
    if (!flow) continue
    const kind = definition.kind
    // The history ran on the default delays, not the demo's.
    const delays = definition.steps.map((s) => s.delay_hours)
    const lastDelay = delays[delays.length - 1]
    // Credited: two customers with an order to credit (the email went 2 days before it) and, for
    // flows that start from an order, an earlier order to start from.
    const credited = customers
      .filter((c) => (kind === "welcome" || kind === "birthday" ? c.account : true))
      .filter((c) => c.orders.some((o) => !usedOrders.has(o.id) && o.total > 0 && (kind === "welcome" || kind === "birthday" || c.orders[0].id !== o.id)))
      .slice(n % 3, (n % 3) + 2)
    // Post-purchase and win-back start from an order: only customers who have one.
    // Birthdays need an account; welcome takes guests with consent, left out here.
    const rest = customers.filter((c) => !credited.includes(c) && (kind === "welcome" || kind === "birthday" ? c.account : c.orders.length > 0))
    const others = [...rest.slice((n * 3) % Math.max(rest.length, 1)), ...rest].slice(0, Math.min(6, rest.length))
    n += 1
    const stories = [
      ...credited.map((c) => {
        const order = [...c.orders].reverse().find((o) => !usedOrders.has(o.id) && o.total > 0 && (kind === "welcome" || kind === "birthday" || c.orders[0].id !== o.id))!
        usedOrders.add(order.id)
        return { customer: c, order, anchor: new Date(order.at.getTime() - 2 * DAY - lastDelay * HOUR) }
      }),
      ...others.map((c, i) => ({ customer: c, order: null, anchor: new Date(now.getTime() - (20 + i * 4) * DAY - lastDelay * HOUR) })),
    ]
    for (const [i, story] of stories.entries()) {
      const { customer, order, anchor } = story
      const triggerKey =
        kind === "welcome" ? "signup" : kind === "birthday" ? String(anchor.getUTCFullYear()) : customer.orders[0].id
      const sendAts = delays.map((d) => new Date(anchor.getTime() + d * HOUR + 20_000))
      const lastSent = sendAts[sendAts.length - 1]
      const exits = definition.exit_rule === "order_placed" && !!order
      const values = {
        email: customer.email,
        state: exits ? ("exited" as const) : ("completed" as const),
        step: delays.length,
        anchor_at: anchor,
        next_action_at: null,
        holdout: false,
        exit_reason: exits ? "ordered" : null,
        last_sent_at: lastSent,
        ended_at: order ? order.at : lastSent,
        converted_order_id: order?.id ?? null,
        converted_at: order?.at ?? null,
      }
      const [existing] = await flows.listFlowEntries({ flow_id: flow.id, customer_id: customer.id, trigger_key: triggerKey })
      // An entry the seed's own events started (on the default clock) becomes this history.
      if (existing && !existing.last_sent_at) await flows.updateFlowEntries({ id: existing.id, ...values })
      else if (existing) continue
      const entry = existing ?? (await flows.createFlowEntries({ flow_id: flow.id, customer_id: customer.id, trigger_key: triggerKey, ...values }))
      result.entries += 1
      const subject = subjectOf(kind, customer.id, triggerKey)
      const sends = sendAts.map((sentAt, s) => {
        const step = s + 1
        const isCredited = !!order && step === delays.length
        // About 4 in 10 opened, a third of those clicked; the email that brought the order both
        // (every flow's first story was opened, so no flow shows none).
        const opened = isCredited || (i === 0 && step === 1) || (i * 7 + step * 5 + n) % 10 < 4
        const clicked = isCredited || (opened && (i + step + n) % 3 === 0)
        return { step, sentAt, opened, clicked, isCredited, key: `flow:${flow.id}:${subject}:${step}` }
      })
      await messaging.createMessages(
        sends.map((s) => ({
          idempotency_key: s.key,
          topic: kind === "birthday" ? ("loyalty" as const) : ("lifecycle" as const),
          category: "marketing" as const,
          template: definition.steps[s.step - 1].template,
          locale: "en",
          to_email: customer.email,
          customer_id: customer.id,
          status: s.clicked ? ("clicked" as const) : s.opened ? ("opened" as const) : ("delivered" as const),
          provider_id: "retention-sendgrid",
          dispatch: "direct" as const,
          provider_message_id: `demo-flow-history-${flow.id}-${i}-${s.step}`,
          attempts: 1,
          sent_at: s.sentAt,
          delivered_at: new Date(s.sentAt.getTime() + 4_000),
          opened_at: s.opened ? new Date(s.sentAt.getTime() + 25 * MINUTE) : null,
          clicked_at: s.clicked ? new Date(s.sentAt.getTime() + 26 * MINUTE) : null,
        }))
      )
      await flows.createFlowSends(
        sends.map((s) => ({
          idempotency_key: s.key,
          flow_id: flow.id,
          entry_id: entry.id,
          customer_id: customer.id,
          email: customer.email,
          step: s.step,
          status: "sent" as const,
          sent_at: s.sentAt,
          ...(s.isCredited && order
            ? { order_id: order.id, order_total: order.total, order_currency_code: order.currency_code, ordered_at: order.at }
            : {}),
        }))
      )
      result.sends += sends.length
      result.opens += sends.filter((s) => s.opened).length
      result.clicks += sends.filter((s) => s.clicked).length
      if (order) result.credited_orders += 1
    }
  }
  opts.log?.(
    `flow history: ${result.entries} finished entries, ${result.sends} emails (${result.opens} opened, ${result.clicks} clicked), ${result.credited_orders} orders credited`
  )
  return result
}
