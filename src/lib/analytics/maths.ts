// Pure figures of the Overview: ranges, rates, deltas, holdout lift. No database, no Node APIs,
// so the admin page imports the same functions the route uses.

const DAY_MS = 86_400_000

/** The longest range the Overview accepts (five years of 365.25 days). */
export const MAX_RANGE_DAYS = Math.ceil(5 * 365.25)
export const DEFAULT_RANGE_DAYS = 30

export type Range = { from: Date; to: Date }

/**
 * The range asked for (half-open, [from, to)) and the period of the same length just before it,
 * which the Overview compares against. Without `from`/`to` it is the last 30 days up to `now`.
 */
export function resolveRange(input: { from?: Date; to?: Date; now: Date }): { current: Range; previous: Range } {
  const to = input.to ?? input.now
  const from = input.from ?? new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS)
  const length = to.getTime() - from.getTime()
  return { current: { from, to }, previous: { from: new Date(from.getTime() - length), to: from } }
}

/** part / whole, or null when there is nothing to divide by (shown as "–", never as 0 %). */
export function rate(part: number, whole: number): number | null {
  if (!whole) return null
  return part / whole
}

export type Delta = { change: number; percent: number | null }

/**
 * Change from the previous period. `percent` is null when the previous value is 0 (any growth
 * from nothing is infinite) or either side is unknown.
 */
export function delta(current: number | null, previous: number | null): Delta | null {
  if (current === null || previous === null) return null
  const change = current - previous
  return { change, percent: previous === 0 ? null : (change / Math.abs(previous)) * 100 }
}

/**
 * Recovered revenue the emails added over what the holdout group bought without them: the
 * emailed carts' revenue per cart minus the holdout carts' revenue per cart, times the emailed
 * carts. Null without carts on either side (no holdout, no lift to measure).
 */
export function incrementalRevenue(input: {
  emailedCarts: number
  emailedRevenue: number
  holdoutCarts: number
  holdoutRevenue: number
}): number | null {
  if (!input.emailedCarts || !input.holdoutCarts) return null
  const perEmailed = input.emailedRevenue / input.emailedCarts
  const perHoldout = input.holdoutRevenue / input.holdoutCarts
  return Math.round((perEmailed - perHoldout) * input.emailedCarts * 100) / 100
}
