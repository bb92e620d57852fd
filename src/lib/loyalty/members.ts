// The admin's loyalty member list: accounts joined to Medusa's customer table (for the name and
// email a merchant searches by), one page at a time. Read-only SQL across the two modules' tables,
// like the analytics reports; the loyalty module's service never reads another module's tables.
import { pointValueFor, ProgramSettings } from "../../modules/loyalty/program"

export type SqlConnection = {
  raw: (sql: string, bindings: readonly (string | number)[]) => Promise<{ rows: Record<string, unknown>[] }>
}

export const MEMBER_SORTS = ["available", "pending", "lifetime_earned", "tier"] as const
export type MemberSort = (typeof MEMBER_SORTS)[number]

export type MemberListInput = {
  /** Part of the email, first or last name, or the whole name; or the exact customer id. */
  q?: string
  /** A tier key, or "none" for members without a tier. */
  tier?: string
  sort: MemberSort
  direction: "asc" | "desc"
  limit: number
  offset: number
}

export type MemberRow = {
  customer_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  /** False for a guest (checkout without an account); null when the customer was deleted. */
  has_account: boolean | null
  available: number
  pending: number
  held: number
  lifetime_earned: number
  tier: string | null
  tier_name: string | null
  /** The currency of the member's latest order, else the store's default currency. */
  currency_code: string | null
  /** What the available points are worth at the program's point value in that currency. */
  available_value: number | null
  /** When the account was opened (the first points or the first adjustment). */
  created_at: string
  /** The last change to a balance. */
  updated_at: string
}

/** Money value of `points` at the program's point value for `currency`, to the cent. */
export const pointsWorth = (settings: ProgramSettings, currency: string, points: number) =>
  Math.round(points * pointValueFor(settings, currency) * 100) / 100

/** "50%_off" → "50\%\_off": the text is matched as typed, never as a LIKE pattern. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * A page of members and how many match. Every sort but the tier's reads its (column, id) index in
 * order; the tier sort ranks by the program's tiers (lowest threshold first), which no index
 * holds, so it sorts the matching accounts. Ties fall back to lifetime points, then the id, so
 * pages never overlap.
 */
export async function listMembers(
  pg: SqlConnection,
  settings: ProgramSettings,
  input: MemberListInput
): Promise<{ members: MemberRow[]; count: number }> {
  const where: string[] = ["a.deleted_at is null"]
  const bindings: (string | number)[] = []
  if (input.tier === "none") where.push("a.tier is null")
  else if (input.tier) {
    where.push("a.tier = ?")
    bindings.push(input.tier)
  }
  if (input.q) {
    const pattern = likePattern(input.q)
    where.push(
      `(c.email ilike ? or c.first_name ilike ? or c.last_name ilike ?
        or concat_ws(' ', c.first_name, c.last_name) ilike ? or a.customer_id = ?)`
    )
    bindings.push(pattern, pattern, pattern, pattern, input.q)
  }
  const from = `from retention_loyalty_account a
    left join customer c on c.id = a.customer_id and c.deleted_at is null
    where ${where.join(" and ")}`

  const dir = input.direction === "asc" ? "asc" : "desc"
  const order: string[] = []
  const orderBindings: (string | number)[] = []
  if (input.sort === "tier") {
    // Rank 1.. by threshold; a tier no longer in the settings ranks 0, no tier -1.
    const tiers = [...settings.tiers].sort((a, b) => a.threshold - b.threshold)
    const rank = tiers.length
      ? `case when a.tier is null then -1 ${tiers.map((_, i) => `when a.tier = ? then ${i + 1}`).join(" ")} else 0 end`
      : "case when a.tier is null then -1 else 0 end"
    orderBindings.push(...tiers.map((t) => t.key))
    order.push(`${rank} ${dir}`, `a.lifetime_earned ${dir}`)
  } else {
    order.push(`a.${input.sort} ${dir}`)
  }
  order.push(`a.id ${dir}`)

  const [page, total] = await Promise.all([
    pg.raw(
      `select a.customer_id, a.available, a.pending, a.held, a.lifetime_earned, a.tier, a.created_at, a.updated_at,
              c.email, c.first_name, c.last_name, c.has_account
       ${from}
       order by ${order.join(", ")}
       limit ? offset ?`,
      [...bindings, ...orderBindings, input.limit, input.offset]
    ),
    pg.raw(`select count(*)::int as count ${from}`, bindings),
  ])
  const currencies = await memberCurrencies(pg, page.rows.map((r) => String(r.customer_id)))
  const names = new Map(settings.tiers.map((t) => [t.key, t.name]))
  const members = page.rows.map((r): MemberRow => {
    const available = Number(r.available)
    const currency = currencies.get(String(r.customer_id)) ?? null
    const tier = (r.tier as string | null) ?? null
    return {
      customer_id: String(r.customer_id),
      email: (r.email as string | null) ?? null,
      first_name: (r.first_name as string | null) ?? null,
      last_name: (r.last_name as string | null) ?? null,
      has_account: r.has_account === null || r.has_account === undefined ? null : Boolean(r.has_account),
      available,
      pending: Number(r.pending),
      held: Number(r.held),
      lifetime_earned: Number(r.lifetime_earned),
      tier,
      tier_name: tier ? (names.get(tier) ?? tier) : null,
      currency_code: currency,
      available_value: currency ? pointsWorth(settings, currency, available) : null,
      created_at: new Date(r.created_at as string).toISOString(),
      updated_at: new Date(r.updated_at as string).toISOString(),
    }
  })
  return { members, count: Number(total.rows[0]?.count ?? 0) }
}

/**
 * Each customer's currency for the money value of their points, as the loyalty emails choose it:
 * the currency of their latest order, else the store's default currency. One indexed read of
 * the page's customers' orders (order.customer_id is indexed).
 */
export async function memberCurrencies(pg: SqlConnection, customerIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>()
  if (!customerIds.length) return out
  const [orders, store] = await Promise.all([
    pg.raw(
      `select distinct on (o.customer_id) o.customer_id, o.currency_code from "order" o
       where o.customer_id in (${customerIds.map(() => "?").join(", ")}) and o.deleted_at is null
       order by o.customer_id, o.created_at desc`,
      customerIds
    ),
    pg.raw(
      `select sc.currency_code from store_currency sc where sc.is_default and sc.deleted_at is null
       order by sc.created_at limit 1`,
      []
    ),
  ])
  const code = (v: unknown) => (typeof v === "string" && /^[a-z]{3}$/i.test(v) ? v.toLowerCase() : null)
  const byCustomer = new Map(orders.rows.map((r) => [String(r.customer_id), code(r.currency_code)]))
  const fallback = code(store.rows[0]?.currency_code)
  for (const id of customerIds) out.set(id, byCustomer.get(id) ?? fallback)
  return out
}
