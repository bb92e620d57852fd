// The Customers report's SQL: repeat purchase, order value, time between orders, lifetime value
// and cohorts, per currency, over the plugin's order facts (a copy of each order's state, see
// order-facts.ts). Orders count by their created_at; days
// and months are the store's (brand time zone). Orders without a customer (none from Medusa's
// checkout, which creates a guest customer) cannot be followed over time and are left out.
import { cohortRows, type CohortRow, type ClvPrediction, monthIn, predictClv } from "./customer-maths"
import { type Range, rate } from "./maths"
import { REAL_ORDER, REVENUE_ORDER, type SqlConnection, type SqlQuery } from "./overview"

const YEAR = "interval '365 days'"
const CUSTOMER_ORDER = `${REAL_ORDER} and f.customer_id is not null`
// Revenue figures count only orders with a total (every order Medusa writes has one).
const CUSTOMER_REVENUE = `${REVENUE_ORDER} and f.customer_id is not null`

/** Customers, orders, revenue and repeat buyers per currency, orders placed in the range. */
export function rangeFiguresQuery(range: Range): SqlQuery {
  return {
    sql: `with per_customer as (
        select f.currency_code, f.customer_id, count(*) as orders, sum(f.total) as revenue
        from retention_order_fact f
        where f.placed_at >= ?::timestamptz and f.placed_at < ?::timestamptz and ${CUSTOMER_REVENUE}
        group by f.currency_code, f.customer_id
      )
      select currency_code, count(*)::int as customers, sum(orders)::int as orders, sum(revenue)::text as revenue,
        count(*) filter (where orders >= 2)::int as repeat_customers
      from per_customer group by currency_code`,
    bindings: [range.from.toISOString(), range.to.toISOString()],
  }
}

/**
 * Median days between an order placed in the range and the same customer's previous order in
 * that currency (which may be older than the range), and how many such gaps there were.
 */
export function orderGapsQuery(range: Range): SqlQuery {
  return {
    sql: `with buyers as (
        select distinct f.customer_id from retention_order_fact f
        where f.placed_at >= ?::timestamptz and f.placed_at < ?::timestamptz and ${CUSTOMER_ORDER}
      ), gaps as (
        select f.currency_code, f.placed_at,
          f.placed_at - lag(f.placed_at) over (partition by f.customer_id, f.currency_code order by f.placed_at, f.order_id) as gap
        from retention_order_fact f join buyers b on b.customer_id = f.customer_id
        where f.placed_at < ?::timestamptz and ${REAL_ORDER}
      )
      select currency_code, count(*)::int as gaps,
        percentile_cont(0.5) within group (order by extract(epoch from gap) / 86400)::float as median_days
      from gaps where gap is not null and placed_at >= ?::timestamptz
      group by currency_code`,
    bindings: [range.from.toISOString(), range.to.toISOString(), range.to.toISOString(), range.from.toISOString()],
  }
}

/**
 * Lifetime figures as of the range's end, per currency: every customer's revenue to date
 * (historical CLV), and the inputs of the predicted CLV: the last 12 months' orders, revenue
 * and customers, and of the customers of the 12 months before, those who did not come back.
 */
export function lifetimeQuery(range: Range): SqlQuery {
  const to = range.to.toISOString()
  return {
    sql: `with per_customer as (
        select f.currency_code, f.customer_id, count(*) as orders, sum(f.total) as revenue,
          count(*) filter (where f.placed_at >= ?::timestamptz - ${YEAR}) as orders_12m,
          sum(f.total) filter (where f.placed_at >= ?::timestamptz - ${YEAR}) as revenue_12m,
          bool_or(f.placed_at >= ?::timestamptz - 2 * ${YEAR} and f.placed_at < ?::timestamptz - ${YEAR}) as in_previous_year
        from retention_order_fact f
        where f.placed_at < ?::timestamptz and ${CUSTOMER_REVENUE}
        group by f.currency_code, f.customer_id
      )
      select currency_code, count(*)::int as customers, sum(orders)::int as orders, sum(revenue)::text as revenue,
        count(*) filter (where orders_12m > 0)::int as customers_12m,
        coalesce(sum(orders_12m), 0)::int as orders_12m,
        coalesce(sum(revenue_12m), 0)::text as revenue_12m,
        count(*) filter (where in_previous_year)::int as previous_year_customers,
        count(*) filter (where in_previous_year and orders_12m = 0)::int as churned
      from per_customer group by currency_code`,
    bindings: [to, to, to, to, to],
  }
}

/**
 * Cohorts per currency: customers by the month of their first order in that currency (store
 * time zone), for first orders from the range's first month on, and how many of each cohort
 * ordered in each month since (offset 0 is the cohort's size).
 */
export function cohortQuery(range: Range, timeZone: string): SqlQuery {
  return {
    sql: `with o as (
        select f.customer_id, f.currency_code, date_trunc('month', f.placed_at at time zone ?) as month
        from retention_order_fact f
        where f.placed_at < ?::timestamptz and ${CUSTOMER_ORDER}
      ), firsts as (
        select customer_id, currency_code, min(month) as cohort from o group by customer_id, currency_code
      )
      select f.currency_code, to_char(f.cohort, 'YYYY-MM') as cohort,
        ((extract(year from o.month) - extract(year from f.cohort)) * 12 + extract(month from o.month) - extract(month from f.cohort))::int as "offset",
        count(distinct o.customer_id)::int as customers
      from firsts f join o on o.customer_id = f.customer_id and o.currency_code = f.currency_code
      where f.cohort >= date_trunc('month', ?::timestamptz at time zone ?)
      group by 1, 2, 3
      order by 1, 2, 3`,
    bindings: [timeZone, range.to.toISOString(), range.from.toISOString(), timeZone],
  }
}

export type CustomerFigures = {
  currency_code: string
  /** Customers who ordered in the range. */
  customers: number
  orders: number
  revenue: number
  /** Customers with two or more orders in the range. */
  repeat_customers: number
  /** repeat_customers / customers. */
  repeat_rate: number | null
  average_order_value: number | null
  orders_per_customer: number | null
  /** Median days between an order in the range and the customer's previous order. */
  median_days_between_orders: number | null
  /** Gaps the median is taken over. */
  repeat_orders: number
  lifetime: {
    /** Every customer with an order before the range's end. */
    customers: number
    revenue: number
    /** Revenue per customer to date. */
    historical_clv: number | null
    orders_per_customer: number | null
  } & ClvPrediction & { customers_12m: number; previous_year_customers: number; churned: number }
  cohorts: CohortRow[]
}

const num = (v: unknown) => Number(v ?? 0)
const money = (v: unknown) => Math.round(num(v) * 100) / 100
const round = (v: number | null, digits = 2) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits)

async function run(pg: SqlConnection, q: SqlQuery) {
  return (await pg.raw(q.sql, q.bindings)).rows
}

/** The Customers report for a range, one entry per currency that has orders. */
export async function loadCustomerFigures(pg: SqlConnection, range: Range, timeZone: string): Promise<CustomerFigures[]> {
  const figures = await run(pg, rangeFiguresQuery(range))
  const gaps = await run(pg, orderGapsQuery(range))
  const lifetime = await run(pg, lifetimeQuery(range))
  const cohorts = await run(pg, cohortQuery(range, timeZone))
  const lastMonth = monthIn(new Date(range.to.getTime() - 1), timeZone)

  const currencies = [...new Set([...figures, ...lifetime].map((r) => String(r.currency_code)))].sort()
  return currencies.map((currency): CustomerFigures => {
    const f = figures.find((r) => r.currency_code === currency)
    const g = gaps.find((r) => r.currency_code === currency)
    const l = lifetime.find((r) => r.currency_code === currency)
    const customers = num(f?.customers)
    const orders = num(f?.orders)
    const revenue = money(f?.revenue)
    const lifetimeCustomers = num(l?.customers)
    const lifetimeRevenue = money(l?.revenue)
    const prediction = predictClv({
      orders: num(l?.orders_12m),
      revenue: num(l?.revenue_12m),
      customers: num(l?.customers_12m),
      previousCustomers: num(l?.previous_year_customers),
      churned: num(l?.churned),
    })
    return {
      currency_code: currency,
      customers,
      orders,
      revenue,
      repeat_customers: num(f?.repeat_customers),
      repeat_rate: rate(num(f?.repeat_customers), customers),
      average_order_value: round(rate(revenue, orders)),
      orders_per_customer: round(rate(orders, customers), 4),
      median_days_between_orders: g ? round(num(g.median_days), 1) : null,
      repeat_orders: num(g?.gaps),
      lifetime: {
        customers: lifetimeCustomers,
        revenue: lifetimeRevenue,
        historical_clv: round(rate(lifetimeRevenue, lifetimeCustomers)),
        orders_per_customer: round(rate(num(l?.orders), lifetimeCustomers), 4),
        aov: round(prediction.aov),
        frequency: round(prediction.frequency, 4),
        annual_churn: round(prediction.annual_churn, 4),
        lifespan_years: round(prediction.lifespan_years, 2),
        predicted_clv: prediction.predicted_clv,
        customers_12m: num(l?.customers_12m),
        previous_year_customers: num(l?.previous_year_customers),
        churned: num(l?.churned),
      },
      cohorts: cohortRows(
        cohorts
          .filter((c) => c.currency_code === currency)
          .map((c) => ({ cohort: String(c.cohort), offset: num(c.offset), customers: num(c.customers) })),
        lastMonth
      ),
    }
  })
}
