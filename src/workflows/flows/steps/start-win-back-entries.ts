import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import { parseTrigger } from "../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../modules/flows/service"
import { FlowCandidate, startFlowEntries } from "../utils/start-entries"

export const startWinBackEntriesStepId = "start-win-back-flow-entries"

type SqlConnection = { raw: (sql: string, bindings: readonly (string | number)[]) => Promise<{ rows: Record<string, unknown>[] }> }

// Orders that count for a customer's rhythm: placed, not drafts, not canceled.
const REAL_ORDER = `o.deleted_at is null and o.is_draft_order = false and o.status not in ('canceled', 'draft')`

// Customers started per run at most; the rest are found the next day.
const LIMIT = 5000

/**
 * Lapsed customers, in one read-only SQL over the store's orders (a module may not read another
 * module's tables, so this runs on the shared connection as the analytics do): the time since
 * the last order is past the customer's own median gap between orders times the factor (the
 * store's median gap for one-order customers), at least `min_lapse_days` and at most
 * `max_lapse_days`. Never a customer with a running subscription (active, paused or waiting on a
 * payment): the plugin orders for them. The trigger key is the last order: one win-back per
 * lapse, and a customer who orders and lapses again is a new entry.
 */
export const startWinBackEntriesStep = createStep(
  startWinBackEntriesStepId,
  async (input: { now?: Date | string }, { container }) => {
    const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
    await flows.ensureDefaultFlows()
    const [flow] = await flows.activeFlows("win_back")
    if (!flow) return new StepResponse({ started: 0, found: 0 })
    const trigger = parseTrigger(flow.trigger)
    const now = input.now ? new Date(input.now) : new Date()
    const pg = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
    const { rows } = await pg.raw(
      `with o as (
         select o.id, o.customer_id, o.currency_code, o.created_at,
           lag(o.created_at) over (partition by o.customer_id order by o.created_at) as prev,
           row_number() over (partition by o.customer_id order by o.created_at desc, o.id desc) as rn
         from "order" o
         where ${REAL_ORDER} and o.customer_id is not null and o.created_at <= ?::timestamptz
       ),
       gaps as (select customer_id, extract(epoch from created_at - prev) / 86400.0 as gap from o where prev is not null),
       own as (select customer_id, percentile_cont(0.5) within group (order by gap) as med from gaps group by customer_id),
       store as (select percentile_cont(0.5) within group (order by gap) as med from gaps)
       select l.id as order_id, l.customer_id, l.currency_code, l.created_at as last_order_at, c.email
       from o l
       join customer c on c.id = l.customer_id and c.deleted_at is null and c.email is not null
       left join own on own.customer_id = l.customer_id
       cross join store
       where l.rn = 1
         and l.created_at >= ?::timestamptz - ?::int * interval '1 day'
         and l.created_at <= ?::timestamptz - greatest(?::float8, coalesce(own.med, store.med) * ?::float8) * interval '1 day'
         and not exists (select 1 from retention_subscription s where s.customer_id = l.customer_id
                         and s.status in ('active', 'paused', 'payment_failed') and s.deleted_at is null)
         and not exists (select 1 from retention_flow_entry e join retention_flow f on f.id = e.flow_id
                         where f.kind = 'win_back' and e.customer_id = l.customer_id and e.trigger_key = l.id and e.deleted_at is null)
       order by l.created_at
       limit ${LIMIT}`,
      [
        now.toISOString(),
        now.toISOString(),
        trigger.max_lapse_days,
        now.toISOString(),
        trigger.min_lapse_days,
        trigger.lapse_factor,
      ]
    )
    const candidates: FlowCandidate[] = rows.map((r) => ({
      customer_id: String(r.customer_id),
      email: String(r.email),
      trigger_key: String(r.order_id),
      at: now,
      currency_code: String(r.currency_code),
      context: {
        last_order_id: String(r.order_id),
        last_order_at: new Date(String(r.last_order_at)).toISOString(),
        currency_code: String(r.currency_code).toLowerCase(),
      },
    }))
    const outcomes = await startFlowEntries(container, "win_back", candidates)
    return new StepResponse({ started: outcomes.filter((o) => o.outcome === "started" || o.outcome === "held_out").length, found: candidates.length })
  }
)
