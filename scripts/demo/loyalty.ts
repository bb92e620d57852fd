// Demo loyalty history: the ledger the seed's orders leave is written at the moment the seed
// runs, so the Loyalty page would show one day of points. The orders the subscriptions demo
// dates back keep their points at the order's date instead, the signup bonuses at a signup
// before the first order, and points whose return window is over are available, as the
// settle job would have made them (through the module's own settlePending; the "points
// available" emails of that past are not replayed, they would only crowd today's outbox).
import type { MedusaContainer, RemoteQueryFunction } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { RETENTION_LOYALTY_MODULE } from "../../src/modules/loyalty"
import type { LoyaltyModuleService } from "../../src/modules/loyalty"
import { creditExpiresAt } from "../../src/modules/loyalty/program"

const HOUR = 3600_000
const DAY = 24 * HOUR
// Orders of the demo reach the customer about three days after they are placed.
const DELIVERY_DAYS = 3
// Customers opened their account (and got the signup bonus) this long before their first order.
const SIGNUP_BEFORE_FIRST_ORDER_DAYS = 5

type Pg = { raw: (sql: string, bindings: readonly unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

export async function spreadDemoLoyaltyHistory(container: MedusaContainer, opts: { now?: Date; log?: (m: string) => void } = {}) {
  if (!container.hasRegistration(RETENTION_LOYALTY_MODULE)) return { moved: 0, made_available: 0 }
  const now = opts.now ?? new Date()
  const loyalty: LoyaltyModuleService = container.resolve(RETENTION_LOYALTY_MODULE)
  const query = container.resolve<RemoteQueryFunction>(ContainerRegistrationKeys.QUERY)
  const pg = container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION)
  const settings = await loyalty.getProgram()

  // The order.placed subscriber awards points in the background: wait until every order of a
  // member has its earn entry.
  const { data: orders } = await query.graph({ entity: "order", fields: ["id", "created_at", "customer_id", "customer.has_account"] })
  const memberOrders = (orders as { id: string; created_at: string | Date; customer_id: string | null; customer?: { has_account?: boolean } | null }[]).filter(
    (o) => o.customer_id && o.customer?.has_account
  )
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const earned = await loyalty.listLoyaltyEntries({ order_id: memberOrders.map((o) => o.id), type: "earn" }, { select: ["order_id"] })
    if (new Set(earned.map((e) => e.order_id)).size >= memberOrders.length) break
    await new Promise((r) => setTimeout(r, 250))
  }

  // Entries of orders placed (dated) well before their entry was written: move them to the order.
  const { rows: moved } = await pg.raw(
    `select e.id, e.customer_id, e.order_id, e.status, o.created_at as ordered_at
     from retention_loyalty_entry e join "order" o on o.id = e.order_id
     where e.reference = 'order' and e.deleted_at is null and o.created_at < e.created_at - interval '1 hour'`,
    []
  )
  const entryDates = moved.map((r) => {
    const orderedAt = new Date(String(r.ordered_at))
    return {
      id: String(r.id),
      created_at: new Date(orderedAt.getTime() + 3_000),
      available_at: new Date(orderedAt.getTime() + (DELIVERY_DAYS + settings.returnWindowDays) * DAY),
      expires_at: creditExpiresAt(settings, orderedAt),
    }
  })
  await pg.raw(
    `update retention_loyalty_entry t set created_at = x.created_at, updated_at = x.created_at, available_at = x.available_at, expires_at = x.expires_at
     from jsonb_to_recordset(?::jsonb) as x(id text, created_at timestamptz, available_at timestamptz, expires_at timestamptz) where t.id = x.id`,
    [JSON.stringify(entryDates)]
  )
  // The emails about those points went out with them.
  await pg.raw(
    `update retention_message m set created_at = e.created_at, updated_at = e.created_at,
       sending_started_at = case when m.sending_started_at is null then null else e.created_at end,
       sent_at = case when m.sent_at is null then null else e.created_at end
     from retention_loyalty_entry e
     where e.id in (select jsonb_array_elements_text(?::jsonb)) and m.idempotency_key = 'loyalty:earned:' || e.order_id`,
    [JSON.stringify(entryDates.map((d) => d.id))]
  )

  // Return window over: pending points become available, as the settle job does it.
  const due = [...new Map(moved.filter((r) => r.status === "pending").map((r) => [String(r.order_id), String(r.customer_id)])).entries()].filter(
    ([orderId]) => {
      const d = entryDates.find((e) => moved.find((m) => String(m.id) === e.id && String(m.order_id) === orderId))
      return !!d && d.available_at.getTime() <= now.getTime()
    }
  )
  let madeAvailable = 0
  for (const [order_id, customer_id] of due) {
    madeAvailable += (await loyalty.settlePending({ customer_id, order_id, to: "available" })).points
  }
  await pg.raw(
    // Only the entries that became available (an order that redeemed points also has its
    // redemption and the hold's release, available from the start and without available_at).
    `update retention_loyalty_entry set updated_at = available_at
     where order_id in (select jsonb_array_elements_text(?::jsonb)) and status = 'available' and available_at is not null`,
    [JSON.stringify(due.map(([orderId]) => orderId))]
  )

  // Members joined before their first order: the signup bonus, the account, the entry tier and
  // the customer record move there.
  const firstOrder = new Map<string, number>()
  for (const o of memberOrders) {
    const t = new Date(o.created_at).getTime()
    firstOrder.set(o.customer_id!, Math.min(firstOrder.get(o.customer_id!) ?? t, t))
  }
  const signups = [...firstOrder.entries()]
    .filter(([, first]) => first < now.getTime() - DAY)
    .map(([customer_id, first]) => {
      const at = new Date(first - SIGNUP_BEFORE_FIRST_ORDER_DAYS * DAY)
      return { customer_id, at, expires_at: creditExpiresAt(settings, at) }
    })
  const list = JSON.stringify(signups)
  const recordset = `jsonb_to_recordset(?::jsonb) as x(customer_id text, at timestamptz, expires_at timestamptz)`
  await pg.raw(
    `update retention_loyalty_entry t set created_at = x.at, updated_at = x.at, expires_at = x.expires_at from ${recordset}
     where t.customer_id = x.customer_id and t.reference = 'signup'`,
    [list]
  )
  await pg.raw(`update retention_loyalty_account t set created_at = x.at, tier_changed_at = x.at from ${recordset} where t.customer_id = x.customer_id`, [list])
  await pg.raw(
    `update retention_loyalty_tier_change t set created_at = x.at, updated_at = x.at from ${recordset}
     where t.customer_id = x.customer_id and t.from_tier is null`,
    [list]
  )
  await pg.raw(`update customer t set created_at = x.at, updated_at = x.at from ${recordset} where t.id = x.customer_id and t.has_account = true`, [list])
  opts.log?.(
    `loyalty history: ${entryDates.length} order entries moved to their orders' dates, ${madeAvailable} points past their return window available, ${signups.length} members' signups dated before their first order`
  )
  return { moved: entryDates.length, made_available: madeAvailable }
}
