import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { chooseEmailLocale } from "../../lib/email-locale"
import { RETENTION_REPLENISHMENT_MODULE } from "../../modules/replenishment"
import type ReplenishmentModuleService from "../../modules/replenishment/service"
import { RETENTION_SETTINGS_MODULE } from "../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../modules/retention-settings/service"
import { sendRetentionEmailsWorkflow } from "../messaging/send-retention-emails"

/** The part of knex (Medusa's PG_CONNECTION) this file uses. */
type Knex = { raw: (sql: string, bindings?: Record<string, unknown>) => Promise<{ rows: Record<string, unknown>[] }> }

export type RunOutCandidate = {
  key: string
  customer_id: string
  email: string
  variant_id: string
  product_id: string | null
  last_order_id: string
  last_ordered_at: Date
  predicted_run_out_at: Date
  interval_days: number
  basis: "own_history" | "plan_default" | "store_median"
}

// Purchases older than this say nothing about today's consumption.
const HISTORY_DAYS = 730
// A run-out further back than this is past: the customer has bought elsewhere or stopped.
const LATE_DAYS = 2

/**
 * The customers predicted to run out of a variant within `leadDays` (or up to two days ago),
 * computed in PostgreSQL from the store's own orders:
 * - own history: the median gap between their orders of that variant (two purchases or more);
 * - else the plan's default interval for the variant (or its product);
 * - else the store-wide median gap of that variant's repeat buyers.
 * Canceled and draft orders do not count. Customers with a live subscription (active, paused or
 * payment failed) to the variant, and cycles already claimed (`customer:variant:last order`),
 * are left out.
 */
export async function findRunOutCandidates(
  container: MedusaContainer,
  input: { now: Date; leadDays: number; limit: number }
): Promise<RunOutCandidate[]> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
  const { rows } = await knex.raw(
    `with lines as (
       select o.customer_id, li.variant_id, max(li.product_id) as product_id, o.id as order_id, o.created_at
       from "order" o
       join order_item oi on oi.order_id = o.id and oi.version = o.version and oi.deleted_at is null
       join order_line_item li on li.id = oi.item_id and li.deleted_at is null
       where o.deleted_at is null and o.canceled_at is null and o.is_draft_order = false
         and o.status not in ('canceled', 'draft', 'archived')
         and o.customer_id is not null and li.variant_id is not null
         and o.created_at > :now::timestamptz - make_interval(days => :history)
         and o.created_at <= :now::timestamptz
       group by o.customer_id, li.variant_id, o.id, o.created_at
     ),
     purchases as (
       select l.*,
         row_number() over (partition by customer_id, variant_id order by created_at desc, order_id desc) as recency,
         extract(epoch from created_at - lag(created_at) over (partition by customer_id, variant_id order by created_at, order_id)) / 86400.0 as gap_days
       from lines l
     ),
     own as (
       select customer_id, variant_id, percentile_cont(0.5) within group (order by gap_days) as days
       from purchases where gap_days >= 1 group by customer_id, variant_id
     ),
     store_median as (
       select variant_id, percentile_cont(0.5) within group (order by gap_days) as days
       from purchases where gap_days >= 1 group by variant_id
     ),
     latest as (
       select p.customer_id, p.variant_id, p.product_id, p.order_id, p.created_at,
         own.days as own_days, sm.days as store_days, plan.default_interval
       from purchases p
       left join own on own.customer_id = p.customer_id and own.variant_id = p.variant_id
       left join store_median sm on sm.variant_id = p.variant_id
       left join lateral (
         select rp.default_interval from retention_replenishment_plan rp
         where rp.active and rp.deleted_at is null and rp.product_id = p.product_id
           and (rp.variant_id = p.variant_id or rp.variant_id is null)
         order by rp.variant_id nulls last limit 1
       ) plan on true
       where p.recency = 1
     ),
     predicted as (
       select l.*,
         case
           when l.own_days is not null then 'own_history'
           when l.default_interval is not null then 'plan_default'
           when l.store_days is not null then 'store_median'
         end as basis,
         case
           when l.own_days is not null then l.created_at + make_interval(secs => l.own_days * 86400)
           when l.default_interval is not null then l.created_at + (
             substring(l.default_interval from '^[0-9]+')::int * case right(l.default_interval, 1)
               when 'd' then interval '1 day' when 'w' then interval '1 week' else interval '1 month' end)
           when l.store_days is not null then l.created_at + make_interval(secs => l.store_days * 86400)
         end as run_out_at
       from latest l
     )
     select p.customer_id, c.email, p.variant_id, p.product_id, p.order_id as last_order_id,
       p.created_at as last_ordered_at, p.run_out_at, p.basis,
       extract(epoch from p.run_out_at - p.created_at) / 86400.0 as interval_days
     from predicted p
     join customer c on c.id = p.customer_id and c.deleted_at is null and c.email is not null
     where p.run_out_at is not null
       and p.run_out_at <= :now::timestamptz + make_interval(days => :lead)
       and p.run_out_at > :now::timestamptz - make_interval(days => :late)
       and not exists (
         select 1 from retention_subscription s
         where s.customer_id = p.customer_id and s.deleted_at is null and s.status <> 'canceled'
           and s.items::jsonb @> jsonb_build_array(jsonb_build_object('variant_id', p.variant_id))
       )
       and not exists (
         select 1 from retention_replenishment_prediction rp
         where rp.key = p.customer_id || ':' || p.variant_id || ':' || p.order_id and rp.deleted_at is null
       )
     order by p.run_out_at, p.customer_id, p.variant_id
     limit :limit`,
    { now: input.now.toISOString(), history: HISTORY_DAYS, lead: input.leadDays, late: LATE_DAYS, limit: input.limit }
  )
  return rows.map((r) => ({
    key: `${r.customer_id}:${r.variant_id}:${r.last_order_id}`,
    customer_id: String(r.customer_id),
    email: String(r.email),
    variant_id: String(r.variant_id),
    product_id: r.product_id ? String(r.product_id) : null,
    last_order_id: String(r.last_order_id),
    last_ordered_at: new Date(r.last_ordered_at as string),
    predicted_run_out_at: new Date(r.run_out_at as string),
    interval_days: Number(r.interval_days),
    basis: r.basis as RunOutCandidate["basis"],
  }))
}

type VariantRow = {
  id: string
  title: string | null
  thumbnail?: string | null
  product?: { title?: string | null; handle?: string | null; thumbnail?: string | null } | null
}

/**
 * One pass of predicted-replenishment emails: finds the customers about to run out, claims each
 * cycle (so a concurrent or later pass sends nothing for it again) and sends one "running low?"
 * email per customer and last order with every item predicted to run out, a signed one-click
 * reorder link and, when the product has a plan, a subscribe link. The email is marketing:
 * consent, suppressions, caps and quiet hours apply. Off when Settings → Running-low emails is
 * off.
 */
export async function sendRunningLowEmails(container: MedusaContainer, now = new Date(), limit = 200) {
  const settings: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  const service: ReplenishmentModuleService = container.resolve(RETENTION_REPLENISHMENT_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const section = (await settings.getSection("replenishment")).values
  if (!section.predictionsEnabled) return { skipped: "disabled" as const, sent: 0 }

  const candidates = await findRunOutCandidates(container, { now, leadDays: section.predictionLeadDays, limit })
  if (!candidates.length) return { sent: 0, claimed: 0 }
  const claimed = new Set(await service.claimPredictions(candidates.map((c) => ({ ...c }))))
  const mine = candidates.filter((c) => claimed.has(c.key))

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "thumbnail", "product.title", "product.handle", "product.thumbnail"],
    filters: { id: [...new Set(mine.map((c) => c.variant_id))] },
  })
  const variantById = new Map((variants as VariantRow[]).map((v) => [v.id, v]))
  const orderIds = [...new Set(mine.map((c) => c.last_order_id))]
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "shipping_address.country_code", "customer.first_name", "customer.metadata"],
    filters: { id: orderIds },
  })
  const orderById = new Map((orders as Record<string, any>[]).map((o) => [o.id as string, o]))
  const plans = await service.listReplenishmentPlans({ product_id: [...new Set(mine.map((c) => c.product_id).filter(Boolean))] as string[], active: true })
  const brand = (await settings.getSection("brand")).values

  // One email per customer and last order: items bought together run out together.
  const groups = new Map<string, RunOutCandidate[]>()
  for (const c of mine) {
    const group = `${c.customer_id}:${c.last_order_id}`
    groups.set(group, [...(groups.get(group) ?? []), c])
  }
  let sent = 0
  for (const group of groups.values()) {
    const first = group[0]
    const keys = group.map((c) => c.key)
    try {
      const order = orderById.get(first.last_order_id)
      const country = (order?.shipping_address?.country_code as string | undefined) ?? null
      const customerLocale = typeof order?.customer?.metadata?.locale === "string" ? (order.customer.metadata.locale as string) : null
      const locale = chooseEmailLocale({ customerLocale, shippingCountry: country }, brand)
      const items = group.map((c) => {
        const v = variantById.get(c.variant_id)
        return {
          title: v?.product?.title ?? v?.title ?? "",
          variantTitle: v?.product?.title && v?.title && v.title !== "Default" ? v.title : undefined,
          imageUrl: v?.thumbnail ?? v?.product?.thumbnail ?? undefined,
        }
      })
      // The subscribe link goes to the first item's product page, asking for its plan's interval.
      const withPlan = group
        .map((c) => ({ c, plan: plans.find((p) => p.product_id === c.product_id && (!p.variant_id || p.variant_id === c.variant_id)) }))
        .find((x) => x.plan)
      const handle = withPlan ? variantById.get(withPlan.c.variant_id)?.product?.handle : null
      const subscribeUrl =
        withPlan && handle
          ? `${brand.storefrontUrl.replace(/\/$/, "")}/products/${encodeURIComponent(handle)}?subscribe=${encodeURIComponent(withPlan.plan!.default_interval)}`
          : undefined
      const { result } = await sendRetentionEmailsWorkflow(container).run({
        input: {
          messages: [
            {
              idempotency_key: `replenishment:running-low:${first.key}`,
              template: "replenishment-running-low",
              to: first.email,
              customer_id: first.customer_id,
              country_code: country,
              locales: [locale],
              data: {
                customerName: order?.customer?.first_name ?? undefined,
                items,
                lastOrderedAt: first.last_ordered_at.toISOString(),
                reorderUrl: service.reorderUrl({ customer_id: first.customer_id, variant_ids: group.map((c) => c.variant_id), key: first.key }, now),
                subscribeUrl,
                discountPercent: withPlan?.plan?.discount_percent ?? undefined,
              },
            },
          ],
        },
      })
      await service.setPredictionFields(keys, { message_id: result[0]?.message_id ?? null })
      sent += 1
    } catch (e) {
      // Nothing was queued: give the cycle back so the next pass tries again.
      await service.releasePredictions(keys)
      logger.warn(`replenishment: running-low email for ${first.key} not sent: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return { sent, claimed: mine.length }
}
