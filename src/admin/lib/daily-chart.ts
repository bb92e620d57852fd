// Pure helpers of the admin's charts (components/charts): value ticks, date labels, buckets and
// days filled with zeros. No React, so they are unit-tested on their own.

export type DailySeries = { key: string; label: string; color: string }
export type DailyPoint = { day: string } & Record<string, number | string>

const DAY_MS = 86_400_000

/** The last `days` UTC days ending today, oldest first, with zeros where `points` has no row. */
export function fillDays(points: DailyPoint[], keys: string[], days = 30, today = new Date()): DailyPoint[] {
  const byDay = new Map(points.map((p) => [p.day.slice(0, 10), p]))
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10)
    const found = byDay.get(day)
    return { day, ...Object.fromEntries(keys.map((k) => [k, Number(found?.[k] ?? 0)])) }
  })
}

/** A round axis maximum at or above `max`: 1, 2, 5, 10, 20, 50… (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power
}

/**
 * The value axis, top first: the round maximum, its half and 0. Counts (`integer`) get the half
 * only where it is a whole number (no "2.5 emails").
 */
export function valueTicks(max: number, integer = true): number[] {
  const top = niceMax(max)
  return !integer || Number.isInteger(top / 2) ? [top, top / 2, 0] : [top, 0]
}

/**
 * Which of `count` positions get a date under them: at most `slots`, evenly spaced, always the
 * first and the last (the one before the last is dropped when it would crowd it).
 */
export function spreadLabels(count: number, slots: number): number[] {
  if (count <= 0) return []
  if (count === 1 || slots <= 1) return [0]
  const step = Math.max(1, Math.ceil((count - 1) / (slots - 1)))
  const picked: number[] = []
  for (let i = 0; i < count - 1; i += step) picked.push(i)
  if (picked.length > 1 && count - 1 - picked[picked.length - 1] < step / 2) picked.pop()
  picked.push(count - 1)
  return picked
}

export const shortDay = (day: string) =>
  new Date(`${day.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })

/** A bucket of a series as the axis and the tooltip name it: "Dec 4", or "Week of Nov 30". */
export const bucketLabel = (start: string, bucket: "day" | "week") => (bucket === "week" ? `Week of ${shortDay(start)}` : shortDay(start))

/**
 * Money on a value axis, short: "€0", "€500", "€1.5K", "₺12K". `locale` only for tests; the
 * admin writes numbers in the browser's locale, as formatMoney does.
 */
export function axisMoney(amount: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency: currency.toUpperCase(),
      currencyDisplay: "narrowSymbol",
      notation: "compact",
      // A currency's own two decimals would otherwise keep one here ("€0.0", "₺12.0K").
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(amount)
  } catch {
    return `${amount.toLocaleString(locale, { notation: "compact", maximumFractionDigits: 1 })} ${currency.toUpperCase()}`
  }
}
